package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A browser login outlives its access token: with a client whose tokens live 31 s and no clock skew, a
 * request after the first token expired still passes, because the gateway refreshed it.
 */
class BrowserTokenRefreshIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "app", "path": "/app/*", "service": "upstream", "auth": "browser"}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway-short-lived",
                                       "credentials": {"secret": "short-lived-secret"}},
                          "jwt": {"audiences": ["gateway", "gateway-short-lived"], "clock_skew_seconds": 0}}}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url()));
    }

    @Test
    void theAccessTokenIsRefreshedBeforeItExpires() throws Exception {
        BrowserSimulator browser = new BrowserSimulator(KEYCLOAK);
        String page = gateway + "app/page";
        browser.login(page, gateway + "_gateway/callback?", "alice");
        assertEquals(200, browser.get(page, true).statusCode());
        Thread.sleep(33_000);
        assertEquals(200, browser.get(page, true).statusCode(), "still logged in after the first token expired");
    }
}
