package io.github.apigateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where Hazelcast completes the gateway's asynchronous cluster calls, on a single isolated member. */
class ClusterCallbacksTest {

    private static HazelcastInstance member() {
        Config config = new Config().setClusterName("cluster-callbacks-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config);
    }

    @Test
    void anAsynchronousCallIsAnsweredOnTheGatewaysCallbackThreads() throws Exception {
        HazelcastInstance hazelcast = member();
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
