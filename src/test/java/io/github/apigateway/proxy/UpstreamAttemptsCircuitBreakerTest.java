package io.github.apigateway.proxy;

import io.github.apigateway.config.CircuitBreakerSettings;
import io.github.apigateway.config.LoadBalancing;
import io.github.apigateway.config.OutlierDetectionSettings;
import io.github.apigateway.config.RetrySettings;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A request is one call of its service's circuit breaker: 50 %, at least 2 calls, open 5 s, 1 trial. */
class UpstreamAttemptsCircuitBreakerTest {

    private static final Duration OPEN = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private UpstreamService service(String... urls) {
        ServiceDefinition base = ServiceDefinitions.of("orders", Duration.ofSeconds(1), Duration.ofSeconds(1), urls);
        return UpstreamService.of(new ServiceDefinition(base.name(), base.instances(), base.connectTimeout(),
                base.responseTimeout(), LoadBalancing.ROUND_ROBIN, new RetrySettings(2, 100),
                new OutlierDetectionSettings(1_000, Duration.ofSeconds(30), 50), null,
                new CircuitBreakerSettings(50, 2, 10, OPEN, 1)), now::get, EjectionListener.NONE);
    }

    private static void failedOnceSent(UpstreamService service) {
        UpstreamAttempts attempts = service.attempts("POST");
        attempts.first();
        attempts.nextAfterFailureOnceSent(true);
        attempts.ended();
    }

    @Test
    void requestsWhoseLastTryFailedOpenIt() {
        UpstreamService service = service("http://a:1");
        failedOnceSent(service);
        failedOnceSent(service);
        assertEquals(CircuitState.OPEN, service.circuitState());
    }

    @Test
    void aRequestTheOpenBreakerRefusesGetsNoInstanceAnd503CircuitOpen() {
        UpstreamService service = service("http://a:1");
        failedOnceSent(service);
        failedOnceSent(service);
        UpstreamAttempts refused = service.attempts("GET");
        assertNull(refused.first());
        GatewayException answer = refused.noTryLeft();
        assertEquals(503, answer.status());
        assertEquals("circuit_open", answer.error());
        assertEquals("5", answer.headers().get("Retry-After"));
    }

    @Test
    void aRequestAnsweredAfterARetryCountsAsOneSuccess() {
        UpstreamService service = service("http://a:1", "http://b:1");
        for (int i = 0; i < 2; i++) {
            UpstreamAttempts attempts = service.attempts("GET");
            attempts.first();
            attempts.succeeded(attempts.nextAfterFailureOnceSent(true));
        }
        failedOnceSent(service);
        assertEquals(CircuitState.CLOSED, service.circuitState());
    }

    @Test
    void aTrialThatEndsWithoutOutcomeLetsTheNextRequestTry() {
        UpstreamService service = service("http://a:1");
        failedOnceSent(service);
        failedOnceSent(service);
        now.addAndGet(OPEN.toNanos());
        UpstreamAttempts abandoned = service.attempts("GET");
        assertNotNull(abandoned.first());
        abandoned.ended();
        assertNotNull(service.attempts("GET").first());
    }

    @Test
    void aServiceWithoutCircuitBreakerSaysOff() {
        assertEquals(CircuitState.OFF, UpstreamService.of(
                ServiceDefinitions.of("orders", Duration.ofSeconds(1), Duration.ofSeconds(1), "http://a:1")).circuitState());
    }
}
