import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * For bench/run.sh: which cluster member owns each of some rate limit buckets, that is, the member
 * whose partition holds the bucket's key. Connects as a Hazelcast client (a client owns no partitions,
 * so it moves nothing), reads one key a line from standard input and prints "KEY HOST:PORT" for each.
 *
 * <p>Run in source-file mode with the WAR's Hazelcast jar:
 * {@code java -cp hazelcast.jar bench/BucketOwner.java CLUSTER_NAME MEMBER_ADDRESS < keys}
 */
public final class BucketOwner {

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: BucketOwner CLUSTER_NAME MEMBER_ADDRESS < keys");
            System.exit(2);
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(clientConfig(args[0], args[1]));
        try {
            PartitionService partitions = client.getPartitionService();
            BufferedReader keys = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder owners = new StringBuilder();
            for (String key = keys.readLine(); key != null; key = keys.readLine()) {
                Member owner = ownerOf(partitions.getPartition(key));
                owners.append(key).append(' ').append(owner.getAddress().getHost()).append(':')
                        .append(owner.getAddress().getPort()).append('\n');
            }
            System.out.print(owners);
        } finally {
            client.shutdown();
        }
    }

    private static ClientConfig clientConfig(String clusterName, String memberAddress) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.getNetworkConfig().addAddress(memberAddress);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(15_000);
        config.setProperty("hazelcast.logging.type", "none");
        return config;
    }

    /** The client learns the partition table shortly after connecting: wait for it, for up to 10 s. */
    private static Member ownerOf(Partition partition) throws InterruptedException {
        Member owner = partition.getOwner();
        for (int i = 0; i < 100 && owner == null; i++) {
            Thread.sleep(100);
            owner = partition.getOwner();
        }
        if (owner == null) {
            throw new IllegalStateException("no owner known for partition " + partition.getPartitionId());
        }
        return owner;
    }
}
