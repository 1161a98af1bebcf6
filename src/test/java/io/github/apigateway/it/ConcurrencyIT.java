package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow upstreams do not exhaust the container: the proxy holds no thread while it waits, so 1,000
 * requests to an upstream that answers after 2 s are all in flight at once on the container's default
 * thread pool (Jetty's default maximum is 200 threads).
 */
class ConcurrencyIT extends DeployedGatewayTest {

    private static final int REQUESTS = 1_000;
    private static final int CONTAINER_DEFAULT_MAX_THREADS = 200;

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        // A generous connect timeout: the test measures concurrency, not how fast this 2-core machine
        // accepts a burst of 1,000 new upstream connections while it also runs the clients.
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"], "connect_timeout_ms": 20000}},
                 "routes": [{"id": "slow", "path": "/slow/*", "service": "upstream", "auth": "none"}]}
                """.formatted(UPSTREAM.url()));
    }

    @Test
    void aThousandConcurrentSlowRequestsAllCompleteAndAreInFlightTogether() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        UPSTREAM.streamWith((exchange, request) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            RecordingUpstream.send(exchange, 200, "slow ok");
        });
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest.Builder request = GatewayClient.request(gateway, "/slow/" + i).timeout(Duration.ofSeconds(90));
            responses.add(GatewayClient.sendAsync(request));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.get().statusCode(), response.get().body());
            assertEquals("slow ok", response.get().body());
        }
        assertTrue(mostInFlight.get() > CONTAINER_DEFAULT_MAX_THREADS,
                "at most " + mostInFlight.get() + " requests were at the upstream at once");
    }
}
