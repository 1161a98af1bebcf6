package io.github.apigateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two threads on which the rate limiter's cluster answers arrive, its deadlines fire and its leases
 * are swept. Their work is small and never blocks; they keep it off the container's threads and off
 * Hazelcast's, and end with the gateway (a container checks that an undeployed application left none).
 * Two, so that a sweep giving back the tokens of many leases never holds up the answers that waiting
 * requests need.
 */
final class RateLimitTimer extends ScheduledThreadPoolExecutor {

    private static final Duration END_TIMEOUT = Duration.ofSeconds(5);
    private static final int THREADS = 2;
    private static final AtomicInteger NUMBER = new AtomicInteger();

    RateLimitTimer() {
        super(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "gateway-rate-limits-" + NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void end() {
        shutdownNow();
        try {
            awaitTermination(END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
