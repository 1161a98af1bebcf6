package io.github.apigateway.it;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Hazelcast client on the tests' cluster, to see what the gateway nodes cannot be asked: the members,
 * and which member owns a bucket's key. It is a client, not a member: the cluster's size stays as the
 * gateways report it. Bucket keys are {@code <limit id>|<what the source counts>}, e.g.
 * {@code per-tenant|header=acme}.
 */
final class ClusterView implements AutoCloseable {

    private final HazelcastInstance client;

    private ClusterView(HazelcastInstance client) {
        this.client = client;
    }

    static ClusterView connect() {
        Config member;
        try {
            member = Config.loadFromFile(new java.io.File(System.getProperty("hazelcast.config")));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        ClientConfig config = new ClientConfig().setClusterName(member.getClusterName());
        config.setProperty("hazelcast.logging.type", "jdk");
        for (int port = IsolatedHazelcast.FIRST_PORT; port < IsolatedHazelcast.FIRST_PORT + IsolatedHazelcast.PORT_COUNT; port++) {
            config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        }
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        return new ClusterView(HazelcastClient.newHazelcastClient(config));
    }

    Set<UUID> members() {
        return client.getCluster().getMembers().stream().map(Member::getUuid).collect(Collectors.toSet());
    }

    /** The owner of each key's partition, in the order given. */
    Map<String, UUID> owners(List<String> keys) {
        Map<String, UUID> owners = new LinkedHashMap<>();
        for (String key : keys) {
            owners.put(key, client.getPartitionService().getPartition(key).getOwner().getUuid());
        }
        return owners;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
