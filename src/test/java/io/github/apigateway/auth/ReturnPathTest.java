package io.github.apigateway.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** After a login the browser goes back to a path on this gateway, and never to another origin. */
class ReturnPathTest {

    private static final String ROOT = "https://gateway.example.com/ctx";

    @Test
    void aPathWithItsQueryIsReturnedTo() {
        assertEquals("/ctx/app/page?x=1&next=//evil.example", ReturnPath.location("/ctx/app/page?x=1&next=//evil.example", ROOT));
    }

    @Test
    void theServerRootIsReturnedTo() {
        assertEquals("/", ReturnPath.location("/", ROOT));
    }

    @Test
    void aNetworkPathToAnotherHostBecomesTheGatewaysRoot() {
        assertEquals(ROOT + "/", ReturnPath.location("//evil.example/app/p", ROOT));
    }

    @Test
    void aBackslashThatBrowsersReadAsASlashBecomesTheGatewaysRoot() {
        assertEquals(ROOT + "/", ReturnPath.location("/\\evil.example/app/p", ROOT));
    }

    @Test
    void anAbsoluteUrlBecomesTheGatewaysRoot() {
        assertEquals(ROOT + "/", ReturnPath.location("https://evil.example/", ROOT));
    }

    @Test
    void aMissingPathBecomesTheGatewaysRoot() {
        assertEquals(ROOT + "/", ReturnPath.location("", ROOT));
    }
}
