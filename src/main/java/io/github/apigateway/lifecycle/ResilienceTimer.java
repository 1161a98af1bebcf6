package io.github.apigateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread on which active health checks are started and their deadlines fire, and from which ejections
 * are announced to the cluster. Its work is small and never blocks (a probe runs on the HTTP client's I/O
 * threads); it keeps that work off the container's threads and the client's, and ends with the gateway
 * (a container checks that an undeployed application left no thread behind).
 */
final class ResilienceTimer extends ScheduledThreadPoolExecutor {

    private static final Duration END_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger NUMBER = new AtomicInteger();

    ResilienceTimer() {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "gateway-resilience-" + NUMBER.incrementAndGet());
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
