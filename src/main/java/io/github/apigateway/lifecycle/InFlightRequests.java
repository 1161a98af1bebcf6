package io.github.apigateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests this gateway is serving, so that shutting down can wait for them instead of cutting
 * them off. Every request enters in the first filter and exits when its exchange ends, also when that
 * is asynchronous. Draining refuses new requests and waits for the count to reach zero, up to a bound.
 *
 * <p>Threads: any container thread enters and exits; one shutdown thread drains. A request counts
 * itself before it looks at the draining flag, so the drain can never see zero while a request that
 * passed the check is still running.
 */
public final class InFlightRequests {

    private static final long POLL_MILLIS = 50;

    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean draining;

    /** @return false when the gateway is draining: the request must be refused and must not exit */
    public boolean enter() {
        count.incrementAndGet();
        if (draining) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    public void exit() {
        count.decrementAndGet();
    }

    public int count() {
        return count.get();
    }

    /**
     * Refuses new requests from now on and waits for the ones in flight to end.
     *
     * @return how many requests were still in flight when the timeout ran out (0: all ended)
     */
    public int drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return count.get();
    }
}
