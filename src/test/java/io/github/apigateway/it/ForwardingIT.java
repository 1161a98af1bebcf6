package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the upstream receives and what the client gets back, for requests the gateway forwards. */
class ForwardingIT extends DeployedGatewayTest {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(GatewayDeployment.config(UPSTREAM.url(), """
                {"id": "users", "path": "/api/v1/users/*", "methods": ["GET", "POST"], "service": "upstream", "strip_path": true, "auth": "none"},
                {"id": "admin", "path": "/api/v1/users/admin/*", "service": "upstream", "strip_path": true, "auth": "none"},
                {"id": "raw", "path": "/raw/*", "service": "upstream", "auth": "none"},
                {"id": "login", "path": "/login", "service": "upstream", "auth": "none"},
                {"id": "host", "path": "/host/*", "service": "upstream", "preserve_host": true, "auth": "none"}
                """));
    }

    private RawHttp.Response raw(String requestLine, String... headerLines) throws Exception {
        return RawHttp.send(gateway, requestLine, List.of(headerLines), null);
    }

    @Test
    void stripsTheRoutePrefixAndKeepsTheQueryByteForByte() throws Exception {
        RawHttp.Response response = raw("GET /api/v1/users/123?x=1&y=%2F%20+a&z=%c3%A9&&flag HTTP/1.1");
        assertEquals(200, response.status());
        assertEquals("ok", response.bodyText());
        assertEquals("/123?x=1&y=%2F%20+a&z=%c3%A9&&flag", UPSTREAM.takeRequest().uri());
    }

    @Test
    void forwardsTheBarePrefixAsTheRoot() throws Exception {
        get("/api/v1/users");
        assertEquals("/", UPSTREAM.takeRequest().uri());
    }

    @Test
    void forwardsThePathUnchangedWithoutStripPath() throws Exception {
        get("/raw/a/b?q");
        assertEquals("/raw/a/b?q", UPSTREAM.takeRequest().uri());
    }

    @Test
    void theLongestMatchingPathWins() throws Exception {
        get("/api/v1/users/admin/7");
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("/7", received.uri());
        assertTrue(received.header("X-Forwarded-Prefix").endsWith("/api/v1/users/admin"), received.header("X-Forwarded-Prefix"));
    }

    @Test
    void aPrefixDoesNotMatchASiblingPath() throws Exception {
        HttpResponse<String> response = get("/api/v1/usersX");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"not_found\""), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void anExactPathMatchesOnlyItself() throws Exception {
        assertEquals(200, get("/login").statusCode());
        assertEquals("/login", UPSTREAM.takeRequest().uri());
        assertEquals(404, get("/login/x").statusCode());
    }

    @Test
    void aMethodTheRouteDoesNotServeIs405WithAllow() throws Exception {
        RawHttp.Response response = raw("DELETE /api/v1/users/1 HTTP/1.1");
        assertEquals(405, response.status());
        assertEquals("GET, POST", response.header("Allow"));
        assertTrue(response.bodyText().contains("\"status\":405"), response.bodyText());
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void errorBodiesCarryTheRequestId() throws Exception {
        HttpResponse<String> response = get("/nowhere", "X-Request-Id", "trace-123");
        assertEquals("trace-123", response.headers().firstValue("X-Request-Id").orElseThrow());
        assertTrue(response.body().contains("\"request_id\":\"trace-123\""), response.body());
    }

    @Test
    void dotSegmentsAreResolvedBeforeMatching() throws Exception {
        assertForwardedAs("/raw/a/./b/c/../d", "/raw/a/b/d");
    }

    /**
     * Jetty refuses an empty segment as ambiguous, with its own 400 page; Tomcat merges the slashes before
     * the gateway sees the path.
     */
    @Test
    void emptySegmentsAreNeverForwardedAsTheyCame() throws Exception {
        if (EmbeddedContainer.current() == EmbeddedContainer.JETTY) {
            assertRefusedByTheContainer("/raw//a");
        } else {
            assertForwardedAs("/raw//a", "/raw/a");
        }
    }

    @Test
    void percentEncodedUnreservedCharactersAreDecodedAndOthersKept() throws Exception {
        assertForwardedAs("/raw/%7Euser/%41b/a%3fb", "/raw/~user/Ab/a%3Fb");
    }

    @Test
    void anEncodedSlashIsRefused() throws Exception {
        assertRefusedByTheContainer("/raw/a%2Fb");
    }

    @Test
    void anEncodedNulIsRefused() throws Exception {
        assertRefusedByTheContainer("/raw/a%00b");
    }

    @Test
    void aPathEscapingTheRootIsRefused() throws Exception {
        // Enough '..' to climb above the server's root from any context path: a climb that stays inside
        // the server but leaves the gateway's context is a request for another application, which the
        // container maps there (Tomcat: 404) and the gateway never sees.
        assertRefusedByTheContainer("/raw/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd");
    }

    private void assertForwardedAs(String rawPath, String upstreamUri) throws Exception {
        RawHttp.Response response = raw("GET " + rawPath + " HTTP/1.1");
        assertEquals(200, response.status(), response.bodyText());
        assertEquals(upstreamUri, UPSTREAM.takeRequest().uri());
    }

    /**
     * Jetty and Tomcat refuse these unsafe URIs with their own 400 page before any web application sees
     * them (PathNormalizerTest shows the gateway refusing them too, should a container let one through).
     */
    private void assertRefusedByTheContainer(String rawPath) throws Exception {
        RawHttp.Response response = raw("GET " + rawPath + " HTTP/1.1");
        assertEquals(400, response.status(), response.bodyText());
        assertTrue(response.header("Content-Type").startsWith("text/html"),
                "the container's own error page, not the gateway's JSON: " + response.header("Content-Type"));
        assertNull(UPSTREAM.pollRequest(200), "the request reached the upstream");
    }

    @Test
    void setsForwardingHeadersAndAppendsToExistingOnes() throws Exception {
        HttpResponse<String> response = get("/raw/x", "X-Forwarded-For", "203.0.113.9", "Via", "1.0 edge");
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("203.0.113.9, 127.0.0.1", received.header("X-Forwarded-For"));
        assertEquals("http", received.header("X-Forwarded-Proto"));
        assertEquals(gateway.getHost() + ":" + gateway.getPort(), received.header("X-Forwarded-Host"));
        assertEquals("1.0 edge, 1.1 gateway", received.header("Via"));
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), received.header("X-Request-Id"));
    }

    @Test
    void aForgedForwardedPrefixIsNotPassedOn() throws Exception {
        get("/raw/x", "X-Forwarded-Prefix", "/admin");
        String prefix = UPSTREAM.takeRequest().header("X-Forwarded-Prefix");
        assertNotEquals("/admin", prefix);
    }

    @Test
    void theHostIsTheInstancesUnlessTheRoutePreservesIt() throws Exception {
        get("/raw/x");
        assertEquals(URI.create(UPSTREAM.url()).getAuthority(), UPSTREAM.takeRequest().header("Host"));
        get("/host/x");
        assertEquals(gateway.getHost() + ":" + gateway.getPort(), UPSTREAM.takeRequest().header("Host"));
    }

    @Test
    void hopByHopRequestHeadersAndThoseNamedInConnectionAreRemoved() throws Exception {
        RawHttp.Response response = raw("GET /raw/x HTTP/1.1", "Connection: close, X-Hop-Secret", "X-Hop-Secret: 1",
                "Keep-Alive: timeout=5", "TE: trailers", "Proxy-Authorization: Basic Zm9vOmJhcg==",
                "Proxy-Connection: keep-alive", "X-End-To-End: kept");
        assertEquals(200, response.status());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        for (String removed : List.of("X-Hop-Secret", "Keep-Alive", "TE", "Proxy-Authorization", "Proxy-Connection")) {
            assertNull(received.header(removed), removed + " reached the upstream");
        }
        assertEquals("kept", received.header("X-End-To-End"));
    }

    @Test
    void repeatedSetCookieHeadersAndLocationComeBackUnchanged() throws Exception {
        UPSTREAM.respondWith((exchange, request) -> {
            exchange.getResponseHeaders().add("Set-Cookie", "a=1; Path=/; HttpOnly");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere?q=%41");
            RecordingUpstream.send(exchange, 302, "");
        });
        RawHttp.Response response = raw("GET /raw/redirect HTTP/1.1");
        assertEquals(302, response.status());
        assertEquals(List.of("a=1; Path=/; HttpOnly", "b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT"), response.headers("Set-Cookie"));
        assertEquals("http://127.0.0.1:1/elsewhere?q=%41", response.header("Location"));
    }

    @Test
    void upstreamStatusAndBodyArePassedThrough() throws Exception {
        UPSTREAM.respondWith((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            RecordingUpstream.send(exchange, 418, "short and stout");
        });
        HttpResponse<String> response = get("/raw/teapot");
        assertEquals(418, response.statusCode());
        assertEquals("short and stout", response.body());
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("1.1 gateway", response.headers().firstValue("Via").orElseThrow());
    }

    @Test
    void aRequestBodyReachesTheUpstreamWithItsLength() throws Exception {
        HttpResponse<String> response = GatewayClient.send(GatewayClient.request(gateway, "/api/v1/users/",
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ada\"}")));
        assertEquals(200, response.statusCode());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("POST", received.method());
        assertEquals("{\"name\":\"ada\"}", received.bodyText());
        assertEquals("14", received.header("Content-Length"));
        assertEquals("application/json", received.header("Content-Type"));
    }

    @Test
    void aHeadRequestGetsTheHeadersWithoutABody() throws Exception {
        UPSTREAM.respondWith((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Length", "5");
            exchange.sendResponseHeaders(200, -1);
        });
        RawHttp.Response response = RawHttp.send(gateway, "HEAD /raw/x HTTP/1.1", List.of(), null);
        assertEquals(200, response.status());
        assertEquals("HEAD", UPSTREAM.takeRequest().method());
    }

    @Test
    void noUserAgentIsInventedForTheClient() throws Exception {
        raw("GET /raw/x HTTP/1.1");
        assertNull(UPSTREAM.takeRequest().header("User-Agent"));
        raw("GET /raw/x HTTP/1.1", "User-Agent: curl/8.0");
        assertEquals("curl/8.0", UPSTREAM.takeRequest().header("User-Agent"));
    }

    @Test
    void aWellFormedRequestIdIsKeptAndAMalformedOneReplaced() throws Exception {
        RawHttp.Response kept = raw("GET /raw/x HTTP/1.1", "X-Request-Id: abc-123");
        assertEquals("abc-123", kept.header("X-Request-Id"));
        assertEquals("abc-123", UPSTREAM.takeRequest().header("X-Request-Id"));
        RawHttp.Response replaced = raw("GET /raw/x HTTP/1.1", "X-Request-Id: bad id \"quoted\"");
        assertFalse(replaced.header("X-Request-Id").contains(" "));
        assertEquals(replaced.header("X-Request-Id"), UPSTREAM.takeRequest().header("X-Request-Id"));
    }

    @Test
    void healthReportsUpAndTheClusterSize() throws Exception {
        HttpResponse<String> response = get("/_gateway/health");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
        assertTrue(response.body().contains("\"cluster\":{\"members\":1}"), response.body());
    }

    @Test
    void unknownGatewayPathsAreNotFoundAndNotForwarded() throws Exception {
        HttpResponse<String> response = get("/_gateway/nothing-here");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"not_found\""), response.body());
        assertNull(UPSTREAM.pollRequest(200));
    }
}
