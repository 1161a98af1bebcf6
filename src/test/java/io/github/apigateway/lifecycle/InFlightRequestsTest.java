package io.github.apigateway.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightRequestsTest {

    private final InFlightRequests requests = new InFlightRequests();

    @Test
    void drainingWithNothingInFlightEndsAtOnce() {
        assertEquals(0, requests.drain(Duration.ofMinutes(1)));
    }

    @Test
    void drainingWaitsForTheRequestsInFlightToExit() throws Exception {
        assertTrue(requests.enter());
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> requests.drain(Duration.ofMinutes(1)));
        Thread.sleep(200);
        assertFalse(drained.isDone());

        requests.exit();
        assertEquals(0, drained.get(10, TimeUnit.SECONDS));
    }

    @Test
    void drainingGivesUpAfterTheTimeoutAndSaysHowManyAreLeft() {
        requests.enter();
        requests.enter();
        assertEquals(2, requests.drain(Duration.ofMillis(100)));
    }

    @Test
    void noRequestEntersOnceDrainingBegan() {
        requests.drain(Duration.ZERO);
        assertFalse(requests.enter());
        assertEquals(0, requests.count());
    }
}
