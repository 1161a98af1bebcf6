package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong(7_000_000_000L);
    private final RetryBudget budget = new RetryBudget(20, now::get);

    private void requests(int count) {
        for (int i = 0; i < count; i++) {
            budget.requestStarted();
        }
    }

    private long retriesGranted(int asked) {
        return IntStream.range(0, asked).filter(i -> budget.tryRetry()).count();
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1_000_000_000L);
    }

    @Test
    void threeRetriesAreAllowedWithoutAnyRequests() {
        assertEquals(3, retriesGranted(10));
    }

    @Test
    void retriesAreCappedAtTheBudgetsShareOfRequests() {
        requests(100);
        assertEquals(20, retriesGranted(50));
    }

    @Test
    void aRefusedRetryDoesNotUseTheBudget() {
        requests(100);
        retriesGranted(50);
        requests(5);
        assertTrue(budget.tryRetry());
        assertFalse(budget.tryRetry());
    }

    @Test
    void requestsAndRetriesOlderThanTenSecondsNoLongerCount() {
        requests(100);
        retriesGranted(20);
        advanceSeconds(10);
        assertEquals(3, retriesGranted(10));
    }

    @Test
    void theWindowSlidesSecondBySecond() {
        requests(50);
        advanceSeconds(5);
        requests(50);
        assertEquals(20, retriesGranted(30));
        advanceSeconds(5);
        // The first 50 requests left the window; the 20 retries made 5 s ago are still in it.
        assertEquals(0, retriesGranted(5));
    }
}
