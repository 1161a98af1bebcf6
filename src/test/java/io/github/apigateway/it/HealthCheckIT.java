package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Active health checks every 100 ms, two probes in a row to decide: an instance whose {@code /health}
 * answers 500 gets no requests until it answers 200 again, and a service whose only instance fails its
 * checks is DEGRADED and answers 503 without trying it.
 */
class HealthCheckIT extends DeployedGatewayTest {

    private static final long DEADLINE_MILLIS = 5_000;

    @RegisterExtension
    static final RecordingUpstream BESIDE = RecordingUpstream.start();
    private static final ProbedUpstream CHECKED = new ProbedUpstream();
    private static final ProbedUpstream LONELY = new ProbedUpstream();

    /** An instance whose health answer the test sets, counting the requests that are not probes. */
    private static final class ProbedUpstream {
        final ScriptedUpstream server = startScripted();
        final AtomicInteger requests = new AtomicInteger();
        volatile int healthStatus = 200;

        ProbedUpstream() {
            server.script((connection, head) -> {
                int status = 200;
                if (head.startsWith("GET /health ")) {
                    status = healthStatus;
                } else {
                    requests.incrementAndGet();
                }
                ScriptedUpstream.write(connection, "HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            });
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        String checks = """
                "health_check": {"path": "/health", "interval_ms": 100, "timeout_ms": 500,
                                 "healthy_threshold": 2, "unhealthy_threshold": 2},
                "outlier_detection": {"consecutive_failures": 100000}""";
        return GatewayDeployment.withConfig("""
                {"services": {
                   "checked": {"instances": ["%s", "%s"], %s},
                   "lonely": {"instances": ["%s"], %s}},
                 "routes": [
                   {"id": "checked", "path": "/checked/*", "service": "checked", "auth": "none"},
                   {"id": "lonely", "path": "/lonely/*", "service": "lonely", "auth": "none"}]}
                """.formatted(CHECKED.server.url(), BESIDE.url(), checks, LONELY.server.url(), checks));
    }

    @AfterAll
    static void stopUpstreams() throws IOException {
        CHECKED.server.close();
        LONELY.server.close();
    }

    @Test
    void anInstanceFailingItsChecksGetsNoRequestsUntilItsChecksPassAgain() throws Exception {
        CHECKED.healthStatus = 500;
        awaitRequestsStop(CHECKED, "/checked/x");
        int before = CHECKED.requests.get();
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/checked/x").statusCode());
        }
        assertEquals(before, CHECKED.requests.get());

        CHECKED.healthStatus = 200;
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (CHECKED.requests.get() == before) {
            assertTrue(System.currentTimeMillis() < deadline, "the instance did not come back after passing its checks");
            assertEquals(200, get("/checked/x").statusCode());
            Thread.sleep(20);
        }
    }

    @Test
    void aServiceWhoseOnlyInstanceFailsItsChecksIsDegradedAndAnswers503WithoutTryingIt() throws Exception {
        LONELY.healthStatus = 500;
        awaitHealthNamesLonely(true);
        int before = LONELY.requests.get();
        HttpResponse<String> response = get("/lonely/x");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"no_healthy_upstream\""), response.body());
        assertEquals(before, LONELY.requests.get());

        LONELY.healthStatus = 200;
        awaitHealthNamesLonely(false);
        assertEquals(200, get("/lonely/x").statusCode());
    }

    @Test
    void anInstanceFailingItsChecksIsDownInTheMetrics() throws Exception {
        String series = "gateway_upstream_instance_up{instance=\"" + LONELY.server.url() + "\",service=\"lonely\"}";
        LONELY.healthStatus = 500;
        try {
            awaitHealthNamesLonely(true);
            assertTrue(get("/_gateway/metrics").body().contains(series + " 0.0"), series + " is 0");
        } finally {
            LONELY.healthStatus = 200;
            awaitHealthNamesLonely(false);
        }
        assertTrue(get("/_gateway/metrics").body().contains(series + " 1.0"), series + " is 1 again");
    }

    /** Waits until ten requests in a row do not reach the instance. */
    private void awaitRequestsStop(ProbedUpstream instance, String path) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (true) {
            int before = instance.requests.get();
            for (int i = 0; i < 10; i++) {
                get(path);
            }
            if (instance.requests.get() == before) {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, "the instance still gets requests after failing its checks");
        }
    }

    private void awaitHealthNamesLonely(boolean named) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (get("/_gateway/health").body().contains("\"lonely\"") != named) {
            assertTrue(System.currentTimeMillis() < deadline, "health did not " + (named ? "name" : "stop naming") + " the service");
            Thread.sleep(20);
        }
    }

    private static ScriptedUpstream startScripted() {
        try {
            return ScriptedUpstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
