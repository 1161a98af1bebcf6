package io.github.apigateway.proxy;

import io.github.apigateway.config.CircuitBreakerSettings;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A service's circuit breaker. Closed, it counts its requests' outcomes in a window of one-second slots;
 * once the window holds {@code minimum_calls} and the failure rate is at or above the threshold, it opens:
 * requests are refused at once for {@code open_ms}. Then it is half open: {@code half_open_calls} trial
 * requests are let through, and their failure rate decides between opening again (as soon as enough have
 * failed) and closing (once all have succeeded or too few failed).
 *
 * <p>A half-open breaker never stays stuck waiting for a trial that does not report back (resilience4j
 * #903, #935): a trial whose request ends without an outcome (the client went away, no instance was left)
 * gives its place back, and when the trials have not all reported within {@code open_ms} of the breaker
 * turning half open, a fresh set of trials is let through. Each state has its own generation, and a
 * {@link Permit} carries the generation it was given in, so a late report from an earlier state (a slow
 * request that started while the breaker was closed) never decides the current one.
 *
 * <p>Why not resilience4j: it would fit (2.4.0 brings only resilience4j-core and slf4j-api), but its
 * half-open permits are released only by the caller's report, its answer to a lost report is a timer that
 * opens the breaker again, and its generic event and metrics machinery is more than the gateway needs;
 * the whole state machine here is the class below and its unit tests.
 *
 * <p>Threads: counts and transitions happen under this object's lock, which guards arithmetic only (as
 * resilience4j's own sliding window does). The state and generation are also volatile, so that the
 * common case, a closed breaker handing out a permit, takes no lock.
 */
final class CircuitBreaker {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** One request's right to call the service, reported once: its first report counts, later ones are ignored. */
    static final class Permit {

        /** What a request holds when its service has no circuit breaker. */
        static final Permit UNCOUNTED = new Permit(null, 0);

        private final CircuitBreaker breaker;
        private final long generation;
        private final AtomicBoolean reported = new AtomicBoolean();

        private Permit(CircuitBreaker breaker, long generation) {
            this.breaker = breaker;
            this.generation = generation;
        }

        /** The request got an answer the contract does not count as a failure. */
        void succeeded() {
            if (breaker != null && reported.compareAndSet(false, true)) {
                breaker.record(generation, false);
            }
        }

        /** The request failed: see {@link UpstreamFailures}. */
        void failed() {
            if (breaker != null && reported.compareAndSet(false, true)) {
                breaker.record(generation, true);
            }
        }

        /** The request ended without an outcome that says anything about the service. */
        void released() {
            if (breaker != null && reported.compareAndSet(false, true)) {
                breaker.release(generation);
            }
        }
    }

    private final int failureRatePercent;
    private final int minimumCalls;
    private final int halfOpenCalls;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private final long[] slotSecond;
    private final int[] calls;
    private final int[] failures;
    private volatile CircuitState state = CircuitState.CLOSED;
    private volatile long generation;
    /** Open: when trials may start. Half open: when trials that have not reported are given up on. */
    private long stateEndsAt;
    private int trialsLeft;
    private int trialSuccesses;
    private int trialFailures;

    CircuitBreaker(CircuitBreakerSettings settings, LongSupplier nanoClock) {
        this.failureRatePercent = settings.failureRatePercent();
        this.minimumCalls = settings.minimumCalls();
        this.halfOpenCalls = settings.halfOpenCalls();
        this.openNanos = settings.open().toNanos();
        this.nanoClock = nanoClock;
        this.slotSecond = new long[settings.windowSeconds()];
        this.calls = new int[settings.windowSeconds()];
        this.failures = new int[settings.windowSeconds()];
        clearWindow();
    }

    /** @return the request's permit, or null when the breaker refuses it */
    Permit tryAcquire() {
        long current = generation;
        if (state == CircuitState.CLOSED) {
            return new Permit(this, current);
        }
        return tryAcquireLocked();
    }

    private synchronized Permit tryAcquireLocked() {
        long now = nanoClock.getAsLong();
        if (state == CircuitState.CLOSED) {
            return new Permit(this, generation);
        }
        if (state == CircuitState.OPEN && now - stateEndsAt < 0) {
            return null;
        }
        if (state == CircuitState.OPEN || (trialsLeft == 0 && now - stateEndsAt >= 0)) {
            halfOpen(now);
        }
        if (trialsLeft == 0) {
            return null;
        }
        trialsLeft--;
        return new Permit(this, generation);
    }

    private synchronized void record(long reportedGeneration, boolean failed) {
        if (reportedGeneration != generation) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (state == CircuitState.CLOSED) {
            recordClosed(now, failed);
        } else if (state == CircuitState.HALF_OPEN) {
            recordTrial(now, failed);
        }
    }

    private void recordClosed(long now, boolean failed) {
        long second = Math.floorDiv(now, NANOS_PER_SECOND);
        int slot = (int) Math.floorMod(second, (long) slotSecond.length);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            calls[slot] = 0;
            failures[slot] = 0;
        }
        calls[slot]++;
        if (!failed) {
            return;
        }
        failures[slot]++;
        long callsInWindow = 0;
        long failuresInWindow = 0;
        for (int i = 0; i < slotSecond.length; i++) {
            if (slotSecond[i] > second - slotSecond.length) {
                callsInWindow += calls[i];
                failuresInWindow += failures[i];
            }
        }
        if (callsInWindow >= minimumCalls && failuresInWindow * 100 >= failureRatePercent * callsInWindow) {
            open(now);
        }
    }

    private void recordTrial(long now, boolean failed) {
        if (failed) {
            trialFailures++;
        } else {
            trialSuccesses++;
        }
        if (trialFailures * 100L >= (long) failureRatePercent * halfOpenCalls) {
            open(now);
        } else if (trialSuccesses + trialFailures == halfOpenCalls) {
            close();
        }
    }

    private synchronized void release(long reportedGeneration) {
        if (reportedGeneration == generation && state == CircuitState.HALF_OPEN) {
            trialsLeft++;
        }
    }

    private void open(long now) {
        generation++;
        state = CircuitState.OPEN;
        stateEndsAt = now + openNanos;
    }

    private void halfOpen(long now) {
        generation++;
        state = CircuitState.HALF_OPEN;
        stateEndsAt = now + openNanos;
        trialsLeft = halfOpenCalls;
        trialSuccesses = 0;
        trialFailures = 0;
    }

    private void close() {
        clearWindow();
        generation++;
        state = CircuitState.CLOSED;
    }

    private void clearWindow() {
        for (int i = 0; i < slotSecond.length; i++) {
            slotSecond[i] = Long.MIN_VALUE;
            calls[i] = 0;
            failures[i] = 0;
        }
    }

    /** The state as it would answer a request now: an open breaker whose time is up is half open. */
    synchronized CircuitState state() {
        if (state == CircuitState.OPEN && nanoClock.getAsLong() - stateEndsAt >= 0) {
            return CircuitState.HALF_OPEN;
        }
        return state;
    }

    /** Whole seconds until trial requests are let through again, at least 1 (RFC 9110 {@code Retry-After}). */
    synchronized long secondsUntilTrial() {
        long left = state == CircuitState.OPEN ? stateEndsAt - nanoClock.getAsLong() : 0;
        return Math.max(1, (left + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
