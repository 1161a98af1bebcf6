package io.github.apigateway.proxy;

import io.github.apigateway.config.CircuitBreakerSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Failure rate 50 %, at least 4 calls over 10 s, open for 5 s, 2 trials. */
class CircuitBreakerTest {

    private static final Duration OPEN = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerSettings(50, 4, 10, OPEN, 2), now::get);

    private void calls(int successes, int failures) {
        for (int i = 0; i < successes; i++) {
            breaker.tryAcquire().succeeded();
        }
        for (int i = 0; i < failures; i++) {
            breaker.tryAcquire().failed();
        }
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    private void open() {
        calls(2, 2);
        assertEquals(CircuitState.OPEN, breaker.state());
    }

    @Test
    void staysClosedBelowTheMinimumCallsWhateverTheirFailureRate() {
        calls(0, 3);
        assertEquals(CircuitState.CLOSED, breaker.state());
    }

    @Test
    void staysClosedBelowTheFailureRate() {
        calls(4, 3);
        assertEquals(CircuitState.CLOSED, breaker.state());
    }

    @Test
    void opensAtTheFailureRateOnceTheMinimumCallsAreIn() {
        calls(2, 2);
        assertEquals(CircuitState.OPEN, breaker.state());
    }

    @Test
    void anOpenBreakerRefusesEveryRequest() {
        open();
        assertNull(breaker.tryAcquire());
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        calls(0, 3);
        pass(Duration.ofSeconds(10));
        calls(2, 1);
        assertEquals(CircuitState.CLOSED, breaker.state());
    }

    @Test
    void failuresWithinTheWindowAddUpAcrossSeconds() {
        calls(1, 1);
        pass(Duration.ofSeconds(9));
        calls(1, 1);
        assertEquals(CircuitState.OPEN, breaker.state());
    }

    @Test
    void afterTheOpenTimeItLetsTheTrialsThroughAndNoMore() {
        open();
        pass(OPEN);
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
        assertNotNull(breaker.tryAcquire());
        assertNotNull(breaker.tryAcquire());
        assertNull(breaker.tryAcquire());
    }

    @Test
    void succeedingTrialsCloseIt() {
        open();
        pass(OPEN);
        calls(2, 0);
        assertEquals(CircuitState.CLOSED, breaker.state());
    }

    @Test
    void aClosedAgainBreakerStartsFromAnEmptyWindow() {
        open();
        pass(OPEN);
        calls(2, 0);
        calls(0, 3);
        assertEquals(CircuitState.CLOSED, breaker.state());
    }

    @Test
    void trialsFailingAtTheFailureRateOpenItAgainForTheOpenTime() {
        open();
        pass(OPEN);
        calls(1, 1);
        assertEquals(CircuitState.OPEN, breaker.state());
        pass(OPEN.minusMillis(1));
        assertNull(breaker.tryAcquire());
    }

    @Test
    void aTrialReleasedWithoutOutcomeGivesItsPlaceToAnother() {
        open();
        pass(OPEN);
        CircuitBreaker.Permit first = breaker.tryAcquire();
        breaker.tryAcquire();
        first.released();
        assertNotNull(breaker.tryAcquire());
    }

    @Test
    void trialsThatNeverReportBackAreGivenUpOnAfterTheOpenTime() {
        open();
        pass(OPEN);
        breaker.tryAcquire();
        breaker.tryAcquire();
        pass(OPEN);
        assertNotNull(breaker.tryAcquire());
    }

    @Test
    void aLateReportOfAGivenUpTrialDecidesNothing() {
        open();
        pass(OPEN);
        CircuitBreaker.Permit lost = breaker.tryAcquire();
        breaker.tryAcquire();
        pass(OPEN);
        breaker.tryAcquire().succeeded();
        lost.failed();
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
    }

    @Test
    void aRequestStartedBeforeTheBreakerOpenedDoesNotDecideItsTrials() {
        CircuitBreaker.Permit slow = breaker.tryAcquire();
        open();
        pass(OPEN);
        breaker.tryAcquire().succeeded();
        slow.failed();
        assertEquals(CircuitState.HALF_OPEN, breaker.state());
    }

    @Test
    void onlyThePermitsFirstReportCounts() {
        List<CircuitBreaker.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            permits.add(breaker.tryAcquire());
        }
        permits.forEach(CircuitBreaker.Permit::succeeded);
        permits.forEach(CircuitBreaker.Permit::failed);
        calls(0, 3);
        assertEquals(CircuitState.CLOSED, breaker.state());
    }

    @Test
    void anOpenBreakerTellsWhenTrialsStart() {
        open();
        pass(Duration.ofMillis(3_500));
        assertEquals(2, breaker.secondsUntilTrial());
    }
}
