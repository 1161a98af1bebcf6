package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's session cookie stays between the browser and the gateway: it is named
 * {@code GATEWAY_SESSION}, no upstream sees it and no upstream can set it, and only a login attempt starts
 * one. Starting a login needs no
 * answer from Keycloak, so its address here leads nowhere.
 */
class GatewaySessionIT extends DeployedGatewayTest {

    private static final String NAVIGATION = "text/html,application/xhtml+xml";

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "app", "path": "/app/*", "service": "upstream", "auth": "browser"},
                            {"id": "public", "path": "/pub/*", "service": "upstream", "auth": "none"}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "http://127.0.0.1:9", "resource": "gateway"}}}
                """.formatted(UPSTREAM.url()));
    }

    /** The session cookie a login start sets, as {@code name=value}. */
    private String sessionCookie() throws Exception {
        HttpResponse<String> response = get("/app/page", "Accept", NAVIGATION);
        assertEquals(302, response.statusCode(), response.body());
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    @Test
    void theSessionCookieIsTheGatewaysHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> response = get("/app/page", "Accept", NAVIGATION);
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertEquals(1, cookies.size(), cookies.toString());
        String cookie = cookies.get(0);
        assertTrue(cookie.startsWith("GATEWAY_SESSION="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void theUpstreamGetsTheClientsOtherCookiesButNotTheSessionCookie() throws Exception {
        String session = sessionCookie();
        assertEquals(200, get("/pub/x", "Cookie", "a=1; " + session + "; b=\"two\"").statusCode());
        assertEquals("a=1; b=\"two\"", UPSTREAM.takeRequest().header("Cookie"));
    }

    @Test
    void aCookieHeaderWithOnlyTheSessionCookieIsNotForwarded() throws Exception {
        String session = sessionCookie();
        assertEquals(200, get("/pub/x", "Cookie", session).statusCode());
        assertNull(UPSTREAM.takeRequest().header("Cookie"));
    }

    @Test
    void anUpstreamCannotSetTheSessionCookie() throws Exception {
        UPSTREAM.respondWith((exchange, request) -> {
            exchange.getResponseHeaders().add("Set-Cookie", "GATEWAY_SESSION=forged; Path=/");
            exchange.getResponseHeaders().add("Set-Cookie", "theme=dark; Path=/");
            RecordingUpstream.ok(exchange, request);
        });
        HttpResponse<String> response = get("/pub/x");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("theme=dark; Path=/"), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void aNavigationToAPublicRouteStartsNoSession() throws Exception {
        HttpResponse<String> response = get("/pub/x", "Accept", NAVIGATION);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of(), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void anApiCallToABrowserRouteIsRefusedWithoutStartingASession() throws Exception {
        HttpResponse<String> response = get("/app/page", "Accept", "application/json");
        assertEquals(401, response.statusCode());
        assertEquals(List.of(), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void logoutWithoutASessionStartsNone() throws Exception {
        HttpResponse<String> response = get("/_gateway/logout", "Accept", NAVIGATION);
        assertEquals(302, response.statusCode(), response.body());
        assertEquals(List.of(), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void aCallbackWithoutASessionStartsNone() throws Exception {
        HttpResponse<String> response = get("/_gateway/callback?state=s&code=c", "Accept", NAVIGATION);
        assertEquals(400, response.statusCode());
        assertEquals(List.of(), response.headers().allValues("Set-Cookie"));
    }
}
