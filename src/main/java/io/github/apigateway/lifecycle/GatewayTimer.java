package io.github.apigateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few daemon threads of the gateway's own for small work that never blocks (answers arriving,
 * deadlines firing, sweeps, probes started), kept off the container's threads and the libraries', and
 * ended with the gateway: a container checks that an undeployed application left no thread behind.
 */
final class GatewayTimer extends ScheduledThreadPoolExecutor {

    private static final Duration END_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger NUMBER = new AtomicInteger();

    /** @param name the threads' names, before their number */
    GatewayTimer(int threads, String name) {
        super(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs a blocking cluster call here and waits for it, for the gateway's start and stop only: on a
     * container's deploy thread, Hazelcast's per-thread serialization buffers would keep the web
     * application's class loader after an undeploy.
     */
    <T> T callAndWait(Callable<T> call, Duration timeout) {
        try {
            return submit(call).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The cluster did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
