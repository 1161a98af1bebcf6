package io.github.apigateway.cluster;

import com.hazelcast.config.Config;

import java.util.UUID;

/** Hazelcast configs for a test's own single member: loopback only, no discovery, a cluster name of its own. */
public final class IsolatedMembers {

    private IsolatedMembers() {
    }

    /** @param test names the cluster, followed by a random suffix, so no other run's member joins it */
    public static Config config(String test) {
        Config config = new Config().setClusterName(test + "-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        return config;
    }
}
