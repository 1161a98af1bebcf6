package io.github.apigateway.cluster;

import com.hazelcast.internal.util.ConcurrencyUtil;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which Hazelcast completes the futures of this node's asynchronous cluster calls
 * ({@code submitToKey}, {@code getAsync}, ...). Hazelcast hands every such answer to its default
 * asynchronous executor: the JVM-wide common fork-join pool, shared with the container and every other
 * application in it, or, where that pool has a single thread (a 2-CPU machine), <em>a new thread for each
 * answer</em>. Measured on 2 CPUs with a new rate limit bucket on every request, that was 3,000 threads
 * started a second, a node answering 1,200 requests a second with most of its time in creating threads,
 * and rate limit decisions missing their deadline for want of a thread to deliver them.
 *
 * <p>Hazelcast has no setting for it, only {@link ConcurrencyUtil#setDefaultAsyncExecutor}, an internal
 * method of the pinned Hazelcast version, bundled in the WAR, so it applies to this web application alone.
 * The work is small (an answer deserialized, a future completed, the gateway's own callbacks handed on to
 * its timers), so two threads do. Thread-safe: a {@link ThreadPoolExecutor}.
 */
final class ClusterCallbacks implements AutoCloseable {

    private static final int THREADS = 2;
    private static final Duration END_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final ThreadPoolExecutor threads;
    private final Executor previous;

    private ClusterCallbacks(ThreadPoolExecutor threads, Executor previous) {
        this.threads = threads;
        this.previous = previous;
    }

    /** Starts the threads and makes them Hazelcast's default asynchronous executor. */
    static ClusterCallbacks install() {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-cluster-callbacks-" + NUMBER.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        Executor previous = ConcurrencyUtil.getDefaultAsyncExecutor();
        ConcurrencyUtil.setDefaultAsyncExecutor(threads);
        return new ClusterCallbacks(threads, previous);
    }

    /**
     * Gives Hazelcast its previous executor back, unless another member in this class loader installed
     * its own since, and ends the threads: called after the member ended, when no answer is due any more.
     */
    @Override
    public void close() {
        if (ConcurrencyUtil.getDefaultAsyncExecutor() == threads) {
            ConcurrencyUtil.setDefaultAsyncExecutor(previous);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
