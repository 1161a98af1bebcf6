package io.github.apigateway.ratelimit;

import com.hazelcast.config.Config;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.apigateway.cluster.IsolatedMembers;
import io.github.apigateway.config.RateLimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hazelcast backend on a single isolated member: grants, give-backs, expiry and the map's bound. */
class ClusterBucketsTest {

    /** The production bound is 100,000; the same config with a smaller one keeps this test quick. */
    private static final int MAX_BUCKETS = 2_000;

    private static HazelcastInstance hazelcast;
    private static ScheduledExecutorService timer;
    private static ClusterBuckets buckets;

    @BeforeAll
    static void startMember() {
        hazelcast = Hazelcast.newHazelcastInstance(isolatedConfig());
        timer = Executors.newSingleThreadScheduledExecutor();
        buckets = new ClusterBuckets(hazelcast, timer);
    }

    private static Config isolatedConfig() {
        Config config = IsolatedMembers.config("cluster-buckets-test");
        config.getSerializationConfig().addDataSerializableFactory(RateLimitSerialization.FACTORY_ID, new RateLimitSerialization());
        config.addMapConfig(ClusterBuckets.mapConfig(MAX_BUCKETS));
        return config;
    }

    @AfterAll
    static void stopMember() {
        timer.shutdownNow();
        hazelcast.shutdown();
    }

    private static Grant grant(String key, RateLimit limit, int wanted) throws Exception {
        return buckets.grant(key, limit, wanted, inFiveSeconds()).get(5, TimeUnit.SECONDS);
    }

    private static long inFiveSeconds() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    }

    private static RateLimit limit(long requestsPerMinute, long burst) {
        return RateLimit.perMinute("limit", RateLimit.Source.ROUTE, null, null, requestsPerMinute, burst);
    }

    @Test
    void grantsComeFromTheSharedBucketUntilItIsEmpty() throws Exception {
        RateLimit limit = limit(1, 8);
        assertEquals(2, grant("k1", limit, 5).granted(), "a quarter of a full bucket of 8");
        Grant one = grant("k1", limit, 1);
        assertEquals(1, one.granted());
        assertEquals(5, one.remaining());
        for (int i = 0; i < 5; i++) {
            grant("k1", limit, 1);
        }
        Grant refused = grant("k1", limit, 1);
        assertEquals(0, refused.granted());
        assertTrue(refused.retryAfterSeconds() >= 59, "one token a minute: " + refused.retryAfterSeconds());
        assertEquals(1, grant("k2", limit, 1).granted(), "another key has its own bucket");
    }

    @Test
    void givenBackTokensCanBeGrantedAgain() throws Exception {
        RateLimit limit = limit(1, 4);
        for (int i = 0; i < 4; i++) {
            grant("returned", limit, 1);
        }
        buckets.giveBack("returned", limit, 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Grant again;
        do {
            again = grant("returned", limit, 1);
        } while (again.granted() == 0 && System.nanoTime() < deadline);
        assertEquals(1, again.granted());
        assertEquals(1, again.remaining());
    }

    @Test
    void tokensGrantedAfterTheDeadlineGoBackToTheBucket() throws Exception {
        RateLimit limit = limit(1, 8);
        CompletableFuture<Grant> missed = buckets.grant("late", limit, 2, System.nanoTime());
        assertTrue(assertThrows(ExecutionException.class, () -> missed.get(5, TimeUnit.SECONDS)).getCause()
                instanceof TimeoutException);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        double tokens;
        do {
            tokens = StoredBucket.read(hazelcast.<String, double[]>getMap(ClusterBuckets.MAP_NAME).get("late")).tokens();
        } while (tokens < 8 && System.nanoTime() < deadline);
        assertEquals(8.0, tokens, "the two tokens the node never used are back");
    }

    @Test
    void aBucketExpiresOnceItWouldBeFullAgain() throws Exception {
        RateLimit limit = limit(60, 10);
        grant("idle", limit, 3);
        EntryView<String, double[]> entry = hazelcast.<String, double[]>getMap(ClusterBuckets.MAP_NAME).getEntryView("idle");
        // Two tokens missing at one a second, and a second for Hazelcast's rounding to whole seconds.
        assertEquals(3_000, entry.getTtl());
    }

    @Test
    void theBucketMapStaysBoundedWhateverKeysClientsInvent() throws Exception {
        RateLimit limit = limit(1, 10);
        int keys = MAX_BUCKETS * 3;
        for (int i = 0; i < keys; i += 1_000) {
            List<CompletableFuture<Grant>> batch = new ArrayList<>();
            for (int j = i; j < i + 1_000; j++) {
                batch.add(buckets.grant("invented-" + j, limit, 1, inFiveSeconds()));
            }
            for (CompletableFuture<Grant> grant : batch) {
                grant.get(30, TimeUnit.SECONDS);
            }
        }
        int size = hazelcast.getMap(ClusterBuckets.MAP_NAME).size();
        assertTrue(size <= MAX_BUCKETS, size + " buckets kept after " + keys + " distinct keys");
    }

    @Test
    void aMemberThatRefusesTheCallFailsTheGrantInsteadOfThrowing() {
        HazelcastInstance leaving = Hazelcast.newHazelcastInstance(isolatedConfig());
        ClusterBuckets store = new ClusterBuckets(leaving, timer);
        leaving.getLifecycleService().terminate();

        CompletableFuture<Grant> grant = store.grant("refused", limit(1, 8), 1, inFiveSeconds());

        assertThrows(ExecutionException.class, () -> grant.get(5, TimeUnit.SECONDS));
        assertDoesNotThrow(() -> store.giveBack("refused", limit(1, 8), 1));
    }
}
