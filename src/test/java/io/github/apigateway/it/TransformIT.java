package io.github.apigateway.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route's request_transform as the upstream receives it, and its response_transform as the client
 * receives it, JSON bodies of every size included.
 */
class TransformIT extends DeployedGatewayTest {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final String API_KEY = "transform-test-key";
    private static final int ELEMENTS = 140_000;
    private static final HttpClient STREAMING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"], "response_timeout_ms": 30000}},
                 "routes": [
                   {"id": "keyed", "path": "/keyed/*", "service": "upstream", "auth": "api_key",
                    "request_transform": {
                      "set_headers": {"X-Api-Version": "2", "X-Caller": "${user.id}/${client.id}", "X-Trace": "${request.id}"},
                      "remove_headers": ["X-Debug"]}},
                   {"id": "public", "path": "/public/*", "service": "upstream", "auth": "none",
                    "request_transform": {"set_headers": {"X-Caller": "caller=${user.id}"}}},
                   {"id": "rewritten", "path": "/api/*", "service": "upstream", "strip_path": true, "auth": "none",
                    "request_transform": {
                      "rewrite_path": {"regex": "^/v1/(.*)$", "replacement": "/internal/$1"},
                      "set_query": {"source": "gateway", "a b": "c&d"}}},
                   {"id": "json", "path": "/json/*", "service": "upstream", "auth": "none",
                    "response_transform": {
                      "set_headers": {"Cache-Control": "no-store"},
                      "remove_headers": ["Server", "X-Powered-By"],
                      "json": {"remove_fields": ["internal_id", "items.secret", "items.owner.password_hash"],
                               "rename_fields": {"items.owner.fullName": "name"}}}}],
                 "auth": {"api_keys": {"header": "X-API-Key", "keys": [{"id": "reporting-job", "sha256": "%s", "roles": []}]}}}
                """.formatted(UPSTREAM.url(), keyHash));
    }

    @BeforeEach
    void answerOk() {
        UPSTREAM.respondWith(RecordingUpstream::ok);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void setHeadersReachTheUpstreamWithTheCallersValuesAndRemovedOnesDoNot() throws Exception {
        HttpResponse<String> response = get("/keyed/report", "X-API-Key", API_KEY, "X-Debug", "1", "X-Api-Version", "7");
        assertEquals(200, response.statusCode());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("2", received.header("X-Api-Version"));
        assertEquals("reporting-job/reporting-job", received.header("X-Caller"));
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), received.header("X-Trace"));
        assertNull(received.header("X-Debug"));
    }

    @Test
    void anAnonymousCallersValuesAreEmpty() throws Exception {
        assertEquals(200, get("/public/x").statusCode());
        assertEquals("caller=", UPSTREAM.takeRequest().header("X-Caller"));
    }

    @Test
    void thePathIsRewrittenAfterStripPathAndTheQueryParametersAreSet() throws Exception {
        assertEquals(200, get("/api/v1/items/7?source=client&x=%41+b&&y").statusCode());
        assertEquals("/internal/items/7?x=%41+b&&y&source=gateway&a%20b=c%26d", UPSTREAM.takeRequest().uri());
    }

    @Test
    void aPathThatTheRegexDoesNotMatchIsForwardedAsStripPathLeftIt() throws Exception {
        assertEquals(200, get("/api/v2/items").statusCode());
        assertEquals("/v2/items?source=gateway&a%20b=c%26d", UPSTREAM.takeRequest().uri());
    }

    @Test
    void aPathTooLongToRewriteIsRefusedWith414() throws Exception {
        HttpResponse<String> response = get("/api/v1/" + "a".repeat(3000));
        assertEquals(414, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"uri_too_long\""), response.body());
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void responseHeadersAreSetAndRemoved() throws Exception {
        UPSTREAM.respondWith((exchange, request) -> {
            exchange.getResponseHeaders().add("X-Powered-By", "php");
            exchange.getResponseHeaders().add("Server", "upstream-server/1.0");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=600");
            RecordingUpstream.send(exchange, 200, "plain");
        });
        HttpResponse<String> response = get("/json/x");
        assertEquals("no-store", String.join(",", response.headers().allValues("Cache-Control")));
        assertTrue(response.headers().firstValue("X-Powered-By").isEmpty());
        assertTrue(response.headers().allValues("Server").stream().noneMatch(value -> value.contains("upstream-server")),
                response.headers().toString());
    }

    @Test
    void aSmallJsonBodyHasItsFieldsRemovedAndRenamed() throws Exception {
        respondWith("application/json; charset=utf-8",
                "{\"internal_id\": 9, \"items\": [{\"id\": 1.50, \"secret\": \"s\", \"owner\": {\"fullName\": \"Ann\", \"password_hash\": \"h\"}}]}");
        assertEquals("{\"items\":[{\"id\":1.50,\"owner\":{\"name\":\"Ann\"}}]}", get("/json/x").body());
    }

    @Test
    void aBodyOfAnotherContentTypePassesUnchanged() throws Exception {
        String body = "{\"internal_id\": 9}";
        respondWith("text/plain", body);
        HttpResponse<String> response = get("/json/x");
        assertEquals(body, response.body());
        assertEquals(String.valueOf(body.length()), response.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void aSmallBodyThatClaimsJsonButDoesNotParsePassesUnchangedWithItsLength() throws Exception {
        String body = "{\"internal_id\": 9, oops";
        respondWith("application/json", body);
        HttpResponse<String> response = get("/json/x");
        assertEquals(200, response.statusCode());
        assertEquals(body, response.body());
        assertEquals(String.valueOf(body.length()), response.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void aLargeJsonBodyThatBreaksAfterTheFirst64KiBIsCut() throws Exception {
        UPSTREAM.streamWith((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 5_000; i++) {
                out.write((element(i) + ",").getBytes(StandardCharsets.UTF_8));
            }
            out.write("oops".getBytes(StandardCharsets.UTF_8));
        });
        HttpResponse<InputStream> response = STREAMING.send(GatewayClient.request(gateway, "/json/big").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            assertThrows(IOException.class, () -> body.transferTo(OutputStream.nullOutputStream()));
        }
    }

    /**
     * About 20 MiB of JSON, streamed: the upstream sends the second half only once the client has read
     * part of the first, which a gateway that held the body whole would never let happen.
     */
    @Test
    void a20MiBJsonBodyIsRewrittenAsAStreamThroughNestedArrays() throws Exception {
        CountDownLatch clientReadTheStart = new CountDownLatch(1);
        AtomicBoolean streamed = new AtomicBoolean();
        UPSTREAM.streamWith((exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"internal_id\":1,\"items\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < ELEMENTS; i++) {
                if (i == ELEMENTS / 2) {
                    out.flush();
                    streamed.set(await(clientReadTheStart));
                }
                out.write(((i == 0 ? "" : ",") + element(i)).getBytes(StandardCharsets.UTF_8));
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        });
        HttpResponse<InputStream> response = STREAMING.send(GatewayClient.request(gateway, "/json/big").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Length").isEmpty());
        try (InputStream body = response.body(); JsonParser parser = new JsonFactory().createParser(body)) {
            int elements = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    assertTrue(!name.equals("secret") && !name.equals("password_hash") && !name.equals("fullName")
                            && !name.equals("internal_id"), "field " + name + " reached the client");
                    if (name.equals("name")) {
                        elements++;
                        if (elements == ELEMENTS / 4) {
                            clientReadTheStart.countDown();
                        }
                    }
                }
            }
            assertEquals(ELEMENTS, elements);
        }
        assertTrue(streamed.get(), "the client read the start of the body before the upstream sent its second half");
    }

    private static String element(int i) {
        return "{\"id\":" + i + ",\"secret\":\"" + "s".repeat(40) + "\",\"tags\":[[1,2],[3]],"
                + "\"owner\":{\"fullName\":\"user " + i + "\",\"password_hash\":\"" + "h".repeat(30) + "\"}}";
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void respondWith(String contentType, String body) {
        UPSTREAM.respondWith((HttpExchange exchange, RecordingUpstream.Received request) -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            RecordingUpstream.send(exchange, 200, body);
        });
    }
}
