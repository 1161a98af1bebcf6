package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A browser login outlives its access token: with a client whose tokens live 31 s and no clock skew, a
 * request after the first token expired still passes, because the gateway refreshed it. The realm
 * rotates refresh tokens and refuses a second use of one, so a login refreshed twice in parallel would
 * end: parallel requests all passing shows they shared one refresh.
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

    @Test
    void parallelRequestsOfALoginDueForRefreshShareOneRefresh() throws Exception {
        BrowserSimulator browser = new BrowserSimulator(KEYCLOAK);
        String page = gateway + "app/page";
        browser.login(page, gateway + "_gateway/callback?", "alice");
        // 31 s tokens are refreshed when less than 30 s are left: due one second after they were issued.
        Thread.sleep(2_000);
        String cookie = "GATEWAY_SESSION=" + browser.gatewayCookies().get("GATEWAY_SESSION");
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parallel.add(GatewayClient.sendAsync(GatewayClient.request(URI.create(page), "Cookie", cookie)));
        }
        for (CompletableFuture<HttpResponse<String>> response : parallel) {
            assertEquals(200, response.get().statusCode(), response.get().body());
        }
        assertEquals(200, browser.get(page, false).statusCode(), "the login holds the rotated refresh token");
    }
}
