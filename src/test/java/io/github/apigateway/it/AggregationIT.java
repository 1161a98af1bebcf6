package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An aggregate route answers one JSON object from parallel calls to real loopback services: each call's
 * body under its name, a failed optional call as null named in {@code _errors}, a failed required call as
 * a 502 naming it, and never later than the route's deadline.
 */
class AggregationIT extends DeployedGatewayTest {

    @RegisterExtension
    static final RecordingUpstream USERS = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream ORDERS = RecordingUpstream.start();

    private static final String API_KEY = "aggregation-test-key";
    private static final long TIMEOUT_MS = 1000;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        return GatewayDeployment.withConfig("""
                {"services": {"user-service": {"instances": ["%s"]}, "order-service": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "dashboard", "path": "/dashboard/*", "methods": ["GET"], "auth": "api_key",
                    "aggregate": {"timeout_ms": %d, "calls": [
                      {"name": "user", "service": "user-service", "path": "/users/${user.id}", "required": true},
                      {"name": "orders", "service": "order-service", "path": "/orders?user=${user.id}"},
                      {"name": "item", "service": "order-service", "path": "/items/${path.1}"}]}},
                   {"id": "capped", "path": "/capped", "auth": "api_key",
                    "aggregate": {"max_response_bytes": 100, "calls": [
                      {"name": "user", "service": "user-service", "path": "/users/${user.id}"}]}}],
                 "auth": {"api_keys": {"header": "X-API-Key", "keys": [{"id": "reporting-job", "sha256": "%s"}]}}}
                """.formatted(USERS.url(), ORDERS.url(), TIMEOUT_MS, keyHash));
    }

    @AfterAll
    static void stopUpstreams() {
        USERS.close();
        ORDERS.close();
    }

    private static void answerJson(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        RecordingUpstream.send(exchange, 200, json);
    }

    /** Users answer with the id they were asked for; orders with [] for /orders and the item for /items/N. */
    private static void answerEveryCall() {
        USERS.respondWith((exchange, request) -> answerJson(exchange, "{\"id\":\"" + request.uri().substring("/users/".length()) + "\"}"));
        ORDERS.respondWith((exchange, request) -> answerJson(exchange, request.uri().startsWith("/orders")
                ? "[]" : "{\"id\":\"" + request.uri().substring("/items/".length()) + "\"}"));
    }

    private HttpResponse<String> dashboard(String path, String... headers) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("X-API-Key", API_KEY));
        all.addAll(List.of(headers));
        return get(path, all.toArray(String[]::new));
    }

    @Test
    void eachCallsJsonBodyIsUnderItsName() throws Exception {
        answerEveryCall();
        HttpResponse<String> response = dashboard("/dashboard/42");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"user\":{\"id\":\"reporting-job\"},\"orders\":[],\"item\":{\"id\":\"42\"}}", response.body());
    }

    @Test
    void theCallsGetTheCallersValuesAndThePathSegmentInTheirPaths() throws Exception {
        answerEveryCall();
        dashboard("/dashboard/42");
        assertEquals("/users/reporting-job", USERS.takeRequest().uri());
        List<String> orderCalls = List.of(ORDERS.takeRequest().uri(), ORDERS.takeRequest().uri());
        assertEquals(List.of("/items/42", "/orders?user=reporting-job"), orderCalls.stream().sorted().toList());
    }

    @Test
    void everyCallCarriesTheCallersIdentityAndTheRequestId() throws Exception {
        answerEveryCall();
        dashboard("/dashboard/42", "X-Request-Id", "aggregate-request-1");
        List<RecordingUpstream.Received> calls = List.of(USERS.takeRequest(), ORDERS.takeRequest(), ORDERS.takeRequest());
        for (RecordingUpstream.Received call : calls) {
            assertEquals("GET", call.method(), call.uri());
            assertEquals("reporting-job", call.header("X-User-Id"), call.uri());
            assertEquals("reporting-job", call.header("X-Client-Id"), call.uri());
            assertEquals("aggregate-request-1", call.header("X-Request-Id"), call.uri());
        }
    }

    @Test
    void theCallsRunInParallel() throws Exception {
        Map<String, long[]> arrivedAndEnded = new ConcurrentHashMap<>();
        RecordingUpstream.Responder holdHalfASecond = (exchange, request) -> {
            long arrived = System.nanoTime();
            sleep(500);
            arrivedAndEnded.put(request.uri(), new long[]{arrived, System.nanoTime()});
            answerJson(exchange, "{}");
        };
        USERS.respondWith(holdHalfASecond);
        ORDERS.respondWith(holdHalfASecond);
        assertEquals(200, dashboard("/dashboard/42").statusCode());
        assertEquals(3, arrivedAndEnded.size(), arrivedAndEnded.keySet().toString());
        long lastArrival = arrivedAndEnded.values().stream().mapToLong(times -> times[0]).max().orElseThrow();
        long firstEnd = arrivedAndEnded.values().stream().mapToLong(times -> times[1]).min().orElseThrow();
        assertTrue(lastArrival < firstEnd, "a call began only after another had ended");
    }

    @Test
    void aSlowOptionalCallIsNamedInErrorsAndTheAnswerComesAtTheDeadline() throws Exception {
        answerEveryCall();
        ORDERS.respondWith((exchange, request) -> {
            if (request.uri().startsWith("/orders")) {
                sleep(TIMEOUT_MS + 3000);
            }
            answerJson(exchange, "{\"id\":\"42\"}");
        });
        long start = System.nanoTime();
        HttpResponse<String> response = dashboard("/dashboard/42");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("{\"user\":{\"id\":\"reporting-job\"},\"orders\":null,\"item\":{\"id\":\"42\"},"
                + "\"_errors\":{\"orders\":\"timeout\"}}", response.body());
        assertTrue(elapsedMs < TIMEOUT_MS + 1000, "answered after " + elapsedMs + " ms");
    }

    @Test
    void aFailedRequiredCallIsA502NamingTheCall() throws Exception {
        answerEveryCall();
        USERS.respondWith((exchange, request) -> RecordingUpstream.send(exchange, 500, "{}"));
        HttpResponse<String> response = dashboard("/dashboard/42");
        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("The required call 'user' failed: bad_status."), response.body());
    }

    @Test
    void aBodyThatIsNotJsonFailsItsCall() throws Exception {
        answerEveryCall();
        ORDERS.respondWith((exchange, request) -> RecordingUpstream.send(exchange, 200, request.uri().startsWith("/orders") ? "ok" : "{}"));
        HttpResponse<String> response = dashboard("/dashboard/42");
        assertEquals("{\"user\":{\"id\":\"reporting-job\"},\"orders\":null,\"item\":{},\"_errors\":{\"orders\":\"not_json\"}}",
                response.body());
    }

    @Test
    void aBodyLargerThanTheCapFailsItsCall() throws Exception {
        USERS.respondWith((exchange, request) -> answerJson(exchange, "[\"" + "x".repeat(200) + "\"]"));
        HttpResponse<String> response = dashboard("/capped");
        assertEquals("{\"user\":null,\"_errors\":{\"user\":\"too_large\"}}", response.body());
    }

    @Test
    void aHeadRequestGetsTheAnswersHeadWithoutItsBody() throws Exception {
        USERS.respondWith((exchange, request) -> answerJson(exchange, "{\"id\":1}"));
        HttpResponse<String> response = GatewayClient.send(GatewayClient.request(gateway, "/capped", "X-API-Key", API_KEY)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf("{\"user\":{\"id\":1}}".length()), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void aMissingPathSegmentFailsOnlyTheCallThatNeedsIt() throws Exception {
        answerEveryCall();
        HttpResponse<String> response = dashboard("/dashboard");
        assertEquals("{\"user\":{\"id\":\"reporting-job\"},\"orders\":[],\"item\":null,"
                + "\"_errors\":{\"item\":\"missing_path_segment\"}}", response.body());
    }

    @Test
    void aCallerWithoutAKeyIsRefusedBeforeAnyCall() throws Exception {
        assertEquals(401, get("/dashboard/42").statusCode());
        assertEquals(null, USERS.pollRequest(200));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
