package io.github.apigateway.ratelimit;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.github.apigateway.config.RateLimit;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The buckets in a Hazelcast map shared by every gateway node. Each call is one entry processor on the
 * member that owns the key ({@link GrantTokens}, {@link ReturnTokens}): read, refill, take and write happen
 * there atomically with that member's clock, so nodes never race each other or disagree about time. Not
 * the CP subsystem: since Hazelcast 5.5 it needs an Enterprise licence.
 *
 * <p>No caller ever waits: answers are handled on the gateway's own timer thread, never on the Hazelcast
 * thread that delivers them, since handling one may ask the cluster again (a lease's next batch), which
 * Hazelcast refuses from its own response threads. Every call has a deadline after which it fails; an
 * owner that missed one is quarantined ({@link UnresponsiveOwners}). Tokens granted after the deadline go
 * straight back to the bucket.
 */
public final class ClusterBuckets implements BucketStore {

    public static final String MAP_NAME = "gateway-rate-limits";
    private static final System.Logger LOG = System.getLogger(ClusterBuckets.class.getName());
    /** Buckets per member before the least recently used are forgotten (a forgotten bucket is full). */
    static final int MAX_BUCKETS_PER_MEMBER = 100_000;
    private static final Duration QUARANTINE = Duration.ofSeconds(1);

    private final IMap<String, double[]> buckets;
    private final PartitionService partitions;
    private final ScheduledExecutorService timer;
    private final UnresponsiveOwners unresponsive;

    public ClusterBuckets(HazelcastInstance hazelcast, ScheduledExecutorService timer) {
        this.buckets = hazelcast.getMap(MAP_NAME);
        this.partitions = hazelcast.getPartitionService();
        this.timer = timer;
        this.unresponsive = new UnresponsiveOwners(QUARANTINE.toNanos(), System::nanoTime);
    }

    /**
     * The bucket map as the gateway needs it, for a {@code hazelcast.xml} that does not declare it: bounded
     * (a client choosing header values must not grow it without limit), and with the backup written
     * asynchronously, so a decision never waits for a second member.
     */
    public static MapConfig mapConfig() {
        return mapConfig(MAX_BUCKETS_PER_MEMBER);
    }

    static MapConfig mapConfig(int maxBucketsPerMember) {
        return new MapConfig(MAP_NAME)
                .setBackupCount(0)
                .setAsyncBackupCount(1)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setStatisticsEnabled(false)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                        .setSize(maxBucketsPerMember));
    }

    @Override
    public CompletableFuture<Grant> grant(String key, RateLimit limit, int wanted, long deadlineNanos) {
        UUID owner = ownerOf(key);
        if (!unresponsive.mayAsk(owner)) {
            return CompletableFuture.failedFuture(new OwnerUnresponsiveException());
        }
        CompletableFuture<Grant> answer = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (answer.completeExceptionally(new TimeoutException("no answer from the bucket's owner in time"))) {
                unresponsive.timedOut(owner);
            }
        }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        take(key, new GrantTokens(limit.capacity(), limit.refillPerMilli(), wanted)).whenCompleteAsync((wire, failure) -> {
            deadline.cancel(false);
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                unresponsive.answered(owner);
                Grant grant = GrantTokens.grant(wire);
                if (!answer.complete(grant)) {
                    giveBackLate(key, limit, grant);
                }
            }
        }, timer);
        return answer;
    }

    /** The entry processor's call; a refusal to make it (a member shutting down) arrives as its failure. */
    private CompletionStage<long[]> take(String key, GrantTokens grant) {
        try {
            return buckets.submitToKey(key, grant);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * The owner took the tokens, but the node gave up waiting and decided without them: unless they go
     * back, a busy moment strands them, and the bucket refuses requests it has paid for.
     */
    private void giveBackLate(String key, RateLimit limit, Grant grant) {
        if (grant.granted() > 0) {
            giveBack(key, limit, grant.granted());
        }
    }

    @Override
    public void giveBack(String key, RateLimit limit, int tokens) {
        if (unresponsive.quarantined(ownerOf(key))) {
            return;
        }
        try {
            buckets.submitToKey(key, new ReturnTokens(limit.capacity(), limit.refillPerMilli(), tokens));
        } catch (RuntimeException refused) {
            LOG.log(System.Logger.Level.DEBUG, "Unspent tokens not given back: " + refused);
        }
    }

    /** The member owning the key's partition; null while unknown, or when the member is shutting down. */
    private UUID ownerOf(String key) {
        Member owner;
        try {
            owner = partitions.getPartition(key).getOwner();
        } catch (RuntimeException shuttingDown) {
            return null;
        }
        return owner == null ? null : owner.getUuid();
    }
}
