package io.github.apigateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which the rate limiter's cluster answers arrive, its deadlines fire and its leases
 * are swept. Its work is small and never blocks; one thread keeps it off the container's threads and off
 * Hazelcast's, and ends with the gateway (a container checks that an undeployed application left none).
 */
final class RateLimitTimer extends ScheduledThreadPoolExecutor {

    private static final Duration END_TIMEOUT = Duration.ofSeconds(5);

    RateLimitTimer() {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "gateway-rate-limits");
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
