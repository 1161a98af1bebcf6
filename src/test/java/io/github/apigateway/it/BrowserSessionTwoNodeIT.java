package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browser sessions live in the cluster, not in a node: on two gateway nodes (two containers, two
 * Hazelcast members of one cluster) with the real Keycloak, a login started on one node completes on the
 * other, the session works on both, a logout on one ends it on both, and a token refresh due while both
 * nodes serve the browser happens once. The realm rotates refresh tokens and records its events; its
 * client {@code gateway-two-node} issues access tokens for 45 s, so a login is due for refresh 15 s after
 * it was issued (the gateway refreshes 30 s before expiry), and stays fresh for 15 s after a refresh.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserSessionTwoNodeIT {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final String CLIENT = "gateway-two-node";

    @ArquillianResource
    @OperateOnDeployment("first")
    private URL first;

    @ArquillianResource
    @OperateOnDeployment("second")
    private URL second;

    private final BrowserSimulator browser = new BrowserSimulator(KEYCLOAK);

    private static WebArchive node(String name) {
        return GatewayDeployment.withConfig(name + ".war", """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "app", "path": "/app/*", "service": "upstream", "auth": "browser"}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "%s",
                                       "credentials": {"secret": "two-node-secret"}},
                          "jwt": {"audiences": ["gateway", "%s"], "clock_skew_seconds": 0}}}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url(), CLIENT, CLIENT));
    }

    @Deployment(name = "first", testable = false)
    @TargetsContainer("node-1")
    static WebArchive first() {
        return node("first");
    }

    @Deployment(name = "second", testable = false)
    @TargetsContainer("node-2")
    static WebArchive second() {
        return node("second");
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    private static String page(URL node) {
        return node + "app/page";
    }

    /** Logs alice in, starting on the first node and coming back from Keycloak to the second. */
    private void loginAcrossNodes(String user) throws Exception {
        awaitTwoMembers();
        String returnedTo = browser.loginAcrossNodes(page(first), first + "_gateway/callback?", second + "_gateway/callback?", user);
        assertEquals(URI.create(page(first)).getPath(), returnedTo);
    }

    private static HttpResponse<String> apiCall(URL node, String sessionId) throws Exception {
        return GatewayClient.send(GatewayClient.request(URI.create(page(node)), "Cookie", "GATEWAY_SESSION=" + sessionId));
    }

    @Test
    void aLoginStartedOnOneNodeCompletesOnTheOther() throws Exception {
        loginAcrossNodes("alice");
        assertEquals(200, browser.get(page(second), true).statusCode());
        assertEquals("alice", UPSTREAM.takeRequest().header("X-User-Name"));
    }

    @Test
    void aSessionWorksOnEveryNode() throws Exception {
        loginAcrossNodes("alice");
        String session = browser.gatewayCookies().get("GATEWAY_SESSION");
        assertEquals(200, apiCall(first, session).statusCode());
        assertEquals(200, apiCall(second, session).statusCode());
    }

    @Test
    void aLogoutOnOneNodeEndsTheSessionOnTheOther() throws Exception {
        loginAcrossNodes("alice");
        String session = browser.gatewayCookies().get("GATEWAY_SESSION");
        HttpResponse<String> logout = browser.get(second + "_gateway/logout", true);
        assertEquals(302, logout.statusCode());
        assertTrue(logout.headers().firstValue("Location").orElseThrow().contains("id_token_hint="), "Keycloak's session ends too");
        assertEquals(401, apiCall(first, session).statusCode(), "the session's cookie is worth nothing on the first node");
    }

    @Test
    void theGatewaySetsNoCookieButItsSessionCookieWithItsAttributes() throws Exception {
        loginAcrossNodes("alice");
        browser.get(page(first), true);
        List<String> setCookies = browser.gatewaySetCookies();
        assertEquals(2, setCookies.size(), "one for the login's start, one for its end: " + setCookies);
        for (String cookie : setCookies) {
            assertTrue(cookie.startsWith("GATEWAY_SESSION="), cookie);
            assertTrue(cookie.contains("; HttpOnly"), cookie);
            assertTrue(cookie.contains("; SameSite=Lax"), cookie);
            assertTrue(cookie.contains("; Path=/"), cookie);
            assertFalse(cookie.contains("Secure"), "not on http: " + cookie);
        }
    }

    @Test
    void theSessionCookieHoldsAtLeast128RandomBits() throws Exception {
        loginAcrossNodes("alice");
        String session = browser.gatewayCookies().get("GATEWAY_SESSION");
        assertTrue(Base64.getUrlDecoder().decode(session).length * 8 >= 128, session);
    }

    @Test
    void aRefreshDueWhileBothNodesServeTheBrowserHappensOnce() throws Exception {
        loginAcrossNodes("carol");
        String session = browser.gatewayCookies().get("GATEWAY_SESSION");
        Thread.sleep(16_000);
        int refreshesBefore = KeycloakAdmin.events(KEYCLOAK, CLIENT, "REFRESH_TOKEN");
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            URL node = i % 2 == 0 ? first : second;
            parallel.add(GatewayClient.sendAsync(GatewayClient.request(URI.create(page(node)), "Cookie", "GATEWAY_SESSION=" + session)));
        }
        for (CompletableFuture<HttpResponse<String>> response : parallel) {
            assertEquals(200, response.get().statusCode(), response.get().body());
        }
        assertEquals(200, apiCall(second, session).statusCode(), "the session holds the rotated refresh token");
        assertEquals(1, KeycloakAdmin.events(KEYCLOAK, CLIENT, "REFRESH_TOKEN") - refreshesBefore);
        assertEquals(0, KeycloakAdmin.events(KEYCLOAK, CLIENT, "REFRESH_TOKEN_ERROR"));
    }

    private void awaitTwoMembers() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 240; attempt++) {
            String health = client.send(HttpRequest.newBuilder(URI.create(first + "_gateway/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (health.contains("\"members\":2")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the two nodes did not form one cluster");
    }
}
