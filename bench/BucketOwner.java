import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;

/**
 * For bench/run.sh: which cluster member owns a rate limit bucket, that is, where the entry processor of
 * every decision on that bucket runs. Connects as a Hazelcast client (a client owns no partitions, so it
 * moves nothing), asks for the key's partition owner and prints "PARTITION HOST:PORT".
 *
 * <p>Run in source-file mode with the WAR's Hazelcast jar:
 * {@code java -cp hazelcast.jar bench/BucketOwner.java CLUSTER_NAME MEMBER_ADDRESS KEY}
 */
public final class BucketOwner {

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: BucketOwner CLUSTER_NAME MEMBER_ADDRESS KEY");
            System.exit(2);
        }
        ClientConfig config = new ClientConfig();
        config.setClusterName(args[0]);
        config.getNetworkConfig().addAddress(args[1]);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(15_000);
        config.setProperty("hazelcast.logging.type", "none");
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            Partition partition = client.getPartitionService().getPartition(args[2]);
            Member owner = partition.getOwner();
            // The client learns the partition table shortly after connecting.
            for (int i = 0; i < 100 && owner == null; i++) {
                Thread.sleep(100);
                owner = partition.getOwner();
            }
            if (owner == null) {
                System.err.println("no owner known for partition " + partition.getPartitionId());
                System.exit(1);
            }
            System.out.println(partition.getPartitionId() + " " + owner.getAddress().getHost() + ":"
                    + owner.getAddress().getPort());
        } finally {
            client.shutdown();
        }
    }
}
