package io.github.apigateway.proxy;

import io.github.apigateway.config.LoadBalancing;
import io.github.apigateway.config.OutlierDetectionSettings;
import io.github.apigateway.config.RetrySettings;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamAttemptsTest {

    private static UpstreamService service(int attempts, String... urls) {
        ServiceDefinition base = ServiceDefinitions.of("orders", Duration.ofSeconds(1), Duration.ofSeconds(1), urls);
        return UpstreamService.of(new ServiceDefinition(base.name(), base.instances(), base.connectTimeout(),
                base.responseTimeout(), LoadBalancing.ROUND_ROBIN, new RetrySettings(attempts, 20),
                OutlierDetectionSettings.DEFAULT, null, null));
    }

    private static final String[] THREE = {"http://a:1", "http://b:1", "http://c:1"};

    @Test
    void aConnectFailureGoesToAnotherInstanceForEveryMethod() {
        UpstreamAttempts attempts = service(2, THREE).attempts("POST");
        UpstreamInstance first = attempts.first();
        UpstreamInstance second = attempts.nextAfterConnectFailure();
        assertNotNull(second);
        assertNotSame(first, second);
    }

    @Test
    void connectFailuresAreRetriedUntilEveryInstanceWasTriedWhateverTheAttempts() {
        UpstreamAttempts attempts = service(0, THREE).attempts("POST");
        attempts.first();
        assertNotNull(attempts.nextAfterConnectFailure());
        assertNotNull(attempts.nextAfterConnectFailure());
        assertNull(attempts.nextAfterConnectFailure());
    }

    @Test
    void aPostIsNotRetriedOnceSent() {
        UpstreamAttempts attempts = service(2, THREE).attempts("POST");
        attempts.first();
        assertNull(attempts.nextAfterFailureOnceSent(true));
    }

    @Test
    void aGetIsRetriedOnceSentOnAnotherInstance() {
        UpstreamAttempts attempts = service(2, THREE).attempts("GET");
        UpstreamInstance first = attempts.first();
        UpstreamInstance second = attempts.nextAfterFailureOnceSent(true);
        assertNotNull(second);
        assertNotSame(first, second);
    }

    @Test
    void aGetWhoseBodyIsNotHeldWholeIsNotRetriedOnceSent() {
        UpstreamAttempts attempts = service(2, THREE).attempts("PUT");
        attempts.first();
        assertNull(attempts.nextAfterFailureOnceSent(false));
    }

    @Test
    void retriesOnceSentStopAtTheAttempts() {
        UpstreamAttempts attempts = service(1, THREE).attempts("GET");
        attempts.first();
        assertNotNull(attempts.nextAfterFailureOnceSent(true));
        assertNull(attempts.nextAfterFailureOnceSent(true));
    }

    @Test
    void theBodyIsHeldOnlyWhereARetryOnceSentCanHappen() {
        assertTrue(service(2, THREE).attempts("DELETE").mayRetryOnceSent());
        assertFalse(service(2, THREE).attempts("POST").mayRetryOnceSent());
        assertFalse(service(0, THREE).attempts("GET").mayRetryOnceSent());
    }

    @Test
    void noTryLeftIs503NoHealthyUpstreamWithRetryAfter() {
        GatewayException answer = service(2, THREE).attempts("GET").noTryLeft();
        assertEquals(503, answer.status());
        assertEquals("no_healthy_upstream", answer.error());
        assertEquals("1", answer.headers().get("Retry-After"));
    }

    @Test
    void aFailureOnceSentIsRememberedSoItIsTheAnswer() {
        UpstreamAttempts attempts = service(2, "http://a:1").attempts("GET");
        attempts.first();
        assertFalse(attempts.sentToAnInstance());
        attempts.nextAfterFailureOnceSent(true);
        assertTrue(attempts.sentToAnInstance());
    }
}
