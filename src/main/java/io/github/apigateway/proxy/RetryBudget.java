package io.github.apigateway.proxy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Caps a service's retries to a share of its requests over the last {@link #WINDOW_SECONDS} seconds (at
 * least {@link #MIN_RETRIES} in that time), as Envoy's and Finagle's retry budgets do: during an outage
 * every try fails, and unbudgeted retries would multiply the load on a service that is trying to recover.
 *
 * <p>Threads: lock-free. The window is a ring of one-second slots of atomic counters; the first caller in
 * a new second claims the oldest slot with a compare-and-set and zeroes it, so a count made by another
 * thread in the instant between the claim and the zeroing may be lost: the budget is exact to within the
 * requests of that instant. A retry is counted first and taken back when it overdraws the budget, so
 * concurrent callers cannot all take the last one.
 */
final class RetryBudget {

    static final int WINDOW_SECONDS = 10;
    static final int MIN_RETRIES = 3;

    private final int percent;
    private final LongSupplier nanoClock;
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS);
    private final AtomicIntegerArray requests = new AtomicIntegerArray(WINDOW_SECONDS);
    private final AtomicIntegerArray retries = new AtomicIntegerArray(WINDOW_SECONDS);

    RetryBudget(int percent, LongSupplier nanoClock) {
        this.percent = percent;
        this.nanoClock = nanoClock;
        long now = second();
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            slotSecond.set(i, now - WINDOW_SECONDS);
        }
    }

    /** Counts a request's first try. */
    void requestStarted() {
        requests.incrementAndGet(slot(second()));
    }

    /** @return whether a retry fits in the budget; if so it is counted */
    boolean tryRetry() {
        long second = second();
        int slot = slot(second);
        retries.incrementAndGet(slot);
        long requestsInWindow = 0;
        long retriesInWindow = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (second - slotSecond.get(i) < WINDOW_SECONDS) {
                requestsInWindow += requests.get(i);
                retriesInWindow += retries.get(i);
            }
        }
        if (retriesInWindow > Math.max(MIN_RETRIES, requestsInWindow * percent / 100)) {
            retries.decrementAndGet(slot);
            return false;
        }
        return true;
    }

    private long second() {
        return Math.floorDiv(nanoClock.getAsLong(), 1_000_000_000L);
    }

    private int slot(long second) {
        int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
        long claimed = slotSecond.get(slot);
        if (claimed < second && slotSecond.compareAndSet(slot, claimed, second)) {
            requests.set(slot, 0);
            retries.set(slot, 0);
        }
        return slot;
    }
}
