package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full browser single sign-on through the gateway and a real Keycloak: redirect with PKCE, the
 * Keycloak login form, the callback, the session cookie, logout.
 */
class BrowserLoginIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    private final BrowserSimulator browser = new BrowserSimulator(KEYCLOAK);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "app", "path": "/app/*", "service": "upstream", "auth": "browser", "roles": ["user"]}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                       "credentials": {"secret": "gateway-secret"}},
                          "jwt": {"audiences": ["gateway"]}}}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url()));
    }

    private String page() {
        return gateway + "app/page?x=1";
    }

    @Test
    void aBrowserWithoutLoginIsSentToKeycloakWithPkce() throws Exception {
        HttpResponse<String> response = browser.get(page(), true);
        assertEquals(302, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?"), location);
        for (String parameter : new String[]{"response_type=code", "client_id=gateway", "code_challenge_method=S256",
                "code_challenge=", "state=", "nonce=", "redirect_uri=", "scope=openid"}) {
            assertTrue(location.contains(parameter), parameter + " in " + location);
        }
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("GATEWAY_SESSION=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void afterLoginTheUpstreamSeesTheUserAndTheBrowserHoldsNoToken() throws Exception {
        String sessionBefore = loginAs("alice");
        assertNotEquals(sessionBefore, browser.gatewayCookies().get("GATEWAY_SESSION"), "a new session id after login");
        HttpResponse<String> response = browser.get(page(), true);
        assertEquals(200, response.statusCode(), response.body());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("alice", received.header("X-User-Name"));
        assertEquals("/app/page?x=1", received.uri());
        assertFalse(browser.gatewayCookies().values().stream().anyMatch(value -> value.startsWith("eyJ")), "no token in a cookie");
    }

    @Test
    void afterLoginTheBrowserReturnsToTheNormalisedPathItAskedFor() throws Exception {
        String returnedTo = browser.loginReturningTo(gateway + "app/./x/../page?x=1", gateway + "_gateway/callback?", "alice");
        assertEquals(gateway.getPath() + "app/page?x=1", returnedTo);
    }

    @Test
    void aUserWithoutTheRouteRoleIsForbiddenAfterLogin() throws Exception {
        loginAs("bob");
        assertEquals(403, browser.get(page(), true).statusCode());
    }

    @Test
    void anApiCallWithoutLoginGetsA401InsteadOfARedirect() throws Exception {
        HttpResponse<String> response = browser.get(page(), false);
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    }

    @Test
    void aCallbackForALoginThisBrowserDidNotStartIsRefused() throws Exception {
        browser.get(page(), true);
        HttpResponse<String> response = browser.get(gateway + "_gateway/callback?state=forged&code=stolen", true);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"bad_request\""), response.body());
    }

    @Test
    void logoutEndsTheGatewayAndKeycloakSessions() throws Exception {
        loginAs("alice");
        HttpResponse<String> logout = browser.get(gateway + "_gateway/logout", true);
        assertEquals(302, logout.statusCode());
        String location = logout.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/logout?"), location);
        assertTrue(location.contains("id_token_hint="), location);
        assertEquals(302, browser.get(page(), true).statusCode(), "logged out: back to the login");
    }

    private String loginAs(String user) throws Exception {
        return browser.login(page(), gateway + "_gateway/callback?", user);
    }
}
