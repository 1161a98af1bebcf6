package io.github.apigateway.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.compact.CompactSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * This node's embedded Hazelcast member, configured by Hazelcast's own conventions: the file named by
 * the system property {@code hazelcast.config}, else the {@code hazelcast.xml} bundled in the WAR
 * (loopback, TCP-IP join over 127.0.0.1:5701-5710). Its working directory is deliberately not searched:
 * a container's current directory is nobody's idea of a config location.
 */
public final class ClusterMember implements AutoCloseable {

    public static final String CONFIG_PROPERTY = "hazelcast.config";
    private static final String BUNDLED_CONFIG = "hazelcast.xml";
    private static final String SHUTDOWN_HOOK_PROPERTY = "hazelcast.shutdownhook.enabled";
    private static final Duration THREADS_END_TIMEOUT = Duration.ofSeconds(5);

    private final HazelcastInstance hazelcast;
    private final ClusterCallbacks callbacks;

    private ClusterMember(HazelcastInstance hazelcast, ClusterCallbacks callbacks) {
        this.hazelcast = hazelcast;
        this.callbacks = callbacks;
    }

    /**
     * @param factories the serialization factories of the gateway's own cluster messages, by factory id
     * @param compact   the Compact serializers of what the gateway keeps in the cluster under type names of its own
     * @param maps      the gateway's maps as they must be configured when the operator's file does not say
     */
    public static ClusterMember start(Map<Integer, DataSerializableFactory> factories, List<CompactSerializer<?>> compact,
                                      List<MapConfig> maps) {
        ClassLoader webapp = ClusterMember.class.getClassLoader();
        Config config = System.getProperty(CONFIG_PROPERTY) != null
                ? Config.load()
                : new ClasspathXmlConfig(webapp, BUNDLED_CONFIG);
        config.setClassLoader(webapp);
        // The web application ends the member when it stops, after its requests drained. Hazelcast's own
        // JVM shutdown hook would end it concurrently with the container's shutdown, under requests still
        // in flight, and would pin the web application's class loader in the JVM until exit.
        config.setProperty(SHUTDOWN_HOOK_PROPERTY, "false");
        // An operator's own hazelcast.xml may not name the gateway's factories; the bundled one does.
        factories.forEach((id, factory) -> {
            if (!config.getSerializationConfig().getDataSerializableFactoryClasses().containsKey(id)) {
                config.getSerializationConfig().addDataSerializableFactory(id, factory);
            }
        });
        compact.forEach(config.getSerializationConfig().getCompactSerializationConfig()::addSerializer);
        for (MapConfig map : maps) {
            if (config.getMapConfigOrNull(map.getName()) == null) {
                config.addMapConfig(map);
            }
        }
        ClusterCallbacks callbacks = ClusterCallbacks.install();
        try {
            return new ClusterMember(Hazelcast.newHazelcastInstance(config), callbacks);
        } catch (RuntimeException | Error e) {
            callbacks.close();
            throw e;
        }
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** How many members this node sees, itself included. */
    public int memberCount() {
        return hazelcast.getCluster().getMembers().size();
    }

    /**
     * Leaves the cluster gracefully: this member's partitions move to the others before it goes. Hazelcast
     * returns before all of its threads have ended (its metrics scheduler ends a moment later), and a
     * container checks for the application's threads right after it stopped, so the threads are waited
     * for, up to a bound.
     */
    @Override
    public void close() {
        try {
            leave();
        } finally {
            callbacks.close();
        }
    }

    private void leave() {
        String threadPrefix = "hz." + hazelcast.getName() + ".";
        hazelcast.shutdown();
        long deadline = System.nanoTime() + THREADS_END_TIMEOUT.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long left = deadline - System.nanoTime();
            if (thread.getName().startsWith(threadPrefix) && left > 0) {
                try {
                    thread.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
