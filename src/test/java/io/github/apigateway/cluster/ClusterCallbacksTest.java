package io.github.apigateway.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where Hazelcast completes the gateway's asynchronous cluster calls, on a single isolated member. */
class ClusterCallbacksTest {

    @Test
    void anAsynchronousCallIsAnsweredOnTheGatewaysCallbackThreads() throws Exception {
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(IsolatedMembers.config("cluster-callbacks-test"));
        try (ClusterCallbacks ignored = ClusterCallbacks.install()) {
            CompletableFuture<String> answeredOn = new CompletableFuture<>();
            hazelcast.<String, String>getMap("callbacks").getAsync("absent")
                    .whenCompleteAsync((value, failure) -> answeredOn.complete(Thread.currentThread().getName()));
            String thread = answeredOn.get(10, TimeUnit.SECONDS);
            assertTrue(thread.startsWith("gateway-cluster-callbacks-"), thread);
        } finally {
            hazelcast.shutdown();
        }
    }

    @Test
    void closingGivesHazelcastItsExecutorBackAndEndsTheThreads() throws Exception {
        Executor before = ConcurrencyUtil.getDefaultAsyncExecutor();
        ClusterCallbacks callbacks = ClusterCallbacks.install();
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        ConcurrencyUtil.getDefaultAsyncExecutor().execute(() -> thread.complete(Thread.currentThread()));
        Thread callbackThread = thread.get(10, TimeUnit.SECONDS);

        callbacks.close();

        assertSame(before, ConcurrencyUtil.getDefaultAsyncExecutor());
        callbackThread.join(5_000);
        assertFalse(callbackThread.isAlive());
    }
}
