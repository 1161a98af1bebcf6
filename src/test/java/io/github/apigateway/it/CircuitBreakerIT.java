package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A circuit breaker that opens at 50 % failures over at least 4 requests, stays open 1 s, then lets 2
 * trials decide; each service has one instance and no retries, so every request the breaker lets through
 * reaches it.
 */
class CircuitBreakerIT extends DeployedGatewayTest {

    private static final long OPEN_MILLIS = 1_000;
    private static final Instance CYCLING = new Instance();
    private static final Instance REOPENING = new Instance();

    /** An instance answering with the status the test sets, counting what reaches it. */
    private static final class Instance {
        final ScriptedUpstream server = startScripted();
        final AtomicInteger hits = new AtomicInteger();
        volatile int status = 200;

        Instance() {
            server.script((connection, head) -> {
                hits.incrementAndGet();
                ScriptedUpstream.write(connection, "HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            });
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        String resilience = """
                "retries": {"attempts": 0},
                "outlier_detection": {"consecutive_failures": 100000},
                "circuit_breaker": {"failure_rate_percent": 50, "minimum_calls": 4, "window_seconds": 10,
                                    "open_ms": %d, "half_open_calls": 2}""".formatted(OPEN_MILLIS);
        return GatewayDeployment.withConfig("""
                {"services": {
                   "cycling": {"instances": ["%s"], %s},
                   "reopening": {"instances": ["%s"], %s}},
                 "routes": [
                   {"id": "cycling", "path": "/cycling/*", "service": "cycling", "auth": "none"},
                   {"id": "reopening", "path": "/reopening/*", "service": "reopening", "auth": "none"}]}
                """.formatted(CYCLING.server.url(), resilience, REOPENING.server.url(), resilience));
    }

    @AfterAll
    static void stopUpstreams() throws IOException {
        CYCLING.server.close();
        REOPENING.server.close();
    }

    @Test
    void opensOnFailuresAnswersCircuitOpenWithoutTheUpstreamThenClosesAfterSucceedingTrials() throws Exception {
        open(CYCLING, "/cycling/x");
        assertCircuitOpenWithoutTouching(CYCLING, "/cycling/x");

        CYCLING.status = 200;
        Thread.sleep(OPEN_MILLIS + 100);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/cycling/x").statusCode());
        }
        assertEquals(4 + 5, CYCLING.hits.get());
    }

    @Test
    void aFailingTrialOpensItAgain() throws Exception {
        open(REOPENING, "/reopening/x");
        Thread.sleep(OPEN_MILLIS + 100);
        assertEquals(503, get("/reopening/x").statusCode());
        assertEquals(5, REOPENING.hits.get());
        assertCircuitOpenWithoutTouching(REOPENING, "/reopening/x");
    }

    private void open(Instance instance, String path) throws Exception {
        instance.status = 503;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get(path);
            assertEquals(503, response.statusCode());
            assertFalse(response.body().contains("circuit_open"), "request " + i + " was refused before the breaker opened");
        }
        assertEquals(4, instance.hits.get());
    }

    private void assertCircuitOpenWithoutTouching(Instance instance, String path) throws Exception {
        int before = instance.hits.get();
        HttpResponse<String> refused = get(path);
        assertEquals(503, refused.statusCode());
        assertTrue(refused.body().contains("\"error\":\"circuit_open\""), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(before, instance.hits.get());
    }

    private static ScriptedUpstream startScripted() {
        try {
            return ScriptedUpstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
