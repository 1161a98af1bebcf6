package io.github.apigateway.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringReader;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log: one JSON object a line on {@code gateway.access}, with ECS names, holding no secret. */
class AccessLogIT extends DeployedGatewayTest {

    private static final String SECRET = "s3cr3t-value";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(GatewayDeployment.config(UPSTREAM.url(), """
                {"id": "logged", "path": "/logged/*", "service": "upstream", "auth": "none"}
                """));
    }

    /** @return the access log line of the request with this id, waiting for the writer thread */
    private static JsonObject lineOf(CapturedLog log, String requestId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> lines = log.messagesAtOrAbove(Level.INFO).stream()
                    .filter(line -> line.contains(requestId)).toList();
            if (!lines.isEmpty()) {
                String message = lines.get(0).substring("gateway.access: ".length());
                return Json.createReader(new StringReader(message)).readObject();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no access log line for request " + requestId);
    }

    @Test
    void writesOneJsonObjectWithTheEcsFields() throws Exception {
        try (CapturedLog log = CapturedLog.of("gateway.access")) {
            get("/logged/a?x=1", "X-Request-Id", "log-fields-1", "traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01");
            JsonObject line = lineOf(log, "log-fields-1");
            assertEquals("GET", line.getString("http.request.method"));
            assertTrue(line.getString("url.path").endsWith("/logged/a"), line.toString());
            assertEquals(200, line.getInt("http.response.status_code"));
            assertTrue(line.getJsonNumber("event.duration").longValue() > 0, line.toString());
            assertEquals("127.0.0.1", line.getString("client.ip"));
            assertEquals(TRACE, line.getString("trace.id"));
            assertEquals("logged", line.getString("gateway.route"));
            assertEquals("log-fields-1", line.getString("gateway.request_id"));
            assertEquals(UPSTREAM.url().substring("http://".length()), line.getString("upstream.address"));
            assertTrue(line.getString("@timestamp").endsWith("Z"), line.toString());
        }
    }

    @Test
    void holdsNoCredentialSentWithTheRequest() throws Exception {
        try (CapturedLog log = CapturedLog.of("gateway.access")) {
            get("/logged/b?token=" + SECRET + "&api_key=" + SECRET + "&code=" + SECRET + "&page=2",
                    "X-Request-Id", "log-secrets-1", "Authorization", "Bearer " + SECRET,
                    "Cookie", "session=" + SECRET, "X-API-Key", SECRET);
            JsonObject line = lineOf(log, "log-secrets-1");
            assertFalse(line.toString().contains(SECRET), line.toString());
            assertEquals("token=REDACTED&api_key=REDACTED&code=REDACTED&page=2", line.getString("url.query"));
        }
    }

    @Test
    void logsRequestsNoRouteMatchedUnderAFixedRoute() throws Exception {
        try (CapturedLog log = CapturedLog.of("gateway.access")) {
            get("/nowhere/1", "X-Request-Id", "log-unmatched-1");
            JsonObject line = lineOf(log, "log-unmatched-1");
            assertEquals(404, line.getInt("http.response.status_code"));
            assertEquals("unmatched", line.getString("gateway.route"));
        }
    }
}
