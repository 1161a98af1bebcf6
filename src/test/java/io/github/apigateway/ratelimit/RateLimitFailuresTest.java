package io.github.apigateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitFailuresTest {

    private long now;
    private final RateLimitFailures failures = new RateLimitFailures(() -> now);

    @Test
    void aFloodOfFailuresWritesOneLogLinePerInterval() {
        assertTrue(failures.record("limit", new TimeoutException(), true), "the first failure is logged at once");
        for (int i = 0; i < 1_000; i++) {
            now += RateLimitFailures.LOG_INTERVAL_NANOS / 2_000;
            assertFalse(failures.record("limit", new TimeoutException(), true));
        }
        now += RateLimitFailures.LOG_INTERVAL_NANOS;
        assertTrue(failures.record("limit", new TimeoutException(), true));
        assertEquals(1_002, failures.total(), "every failure is counted, logged or not");
    }
}
