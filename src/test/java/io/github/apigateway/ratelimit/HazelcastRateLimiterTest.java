package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.EntryView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hazelcast backend on a single isolated member: decisions, and buckets that expire when idle. */
class HazelcastRateLimiterTest {

    private static HazelcastInstance hazelcast;
    private static HazelcastRateLimiter limiter;

    @BeforeAll
    static void startMember() {
        Config config = new Config().setClusterName("rate-limiter-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getSerializationConfig().addDataSerializableFactory(RateLimitSerialization.FACTORY_ID, new RateLimitSerialization());
        hazelcast = Hazelcast.newHazelcastInstance(config);
        limiter = new HazelcastRateLimiter(hazelcast);
    }

    @AfterAll
    static void stopMember() {
        hazelcast.shutdown();
    }

    private static RateLimitDecision consume(String key, RateLimit limit) throws Exception {
        return limiter.consume(key, limit, 5_000);
    }

    @Test
    void decisionsComeFromTheSharedBucket() throws Exception {
        RateLimit limit = RateLimit.perMinute("two", RateLimit.Source.ROUTE, null, null, 1, 2L);
        assertTrue(consume("k1", limit).allowed());
        RateLimitDecision second = consume("k1", limit);
        assertTrue(second.allowed());
        assertEquals(0, second.remaining());
        RateLimitDecision third = consume("k1", limit);
        assertFalse(third.allowed());
        assertTrue(third.retryAfterSeconds() >= 1);
        assertTrue(consume("k2", limit).allowed(), "another key has its own bucket");
    }

    @Test
    void anIdleBucketExpiresOnceItWouldBeFullAgain() throws Exception {
        RateLimit limit = RateLimit.perMinute("fast", RateLimit.Source.ROUTE, null, null, 60_000, 10L);
        consume("idle", limit);
        EntryView<String, double[]> entry = hazelcast.<String, double[]>getMap(HazelcastRateLimiter.MAP_NAME).getEntryView("idle");
        long full = TokenBucket.millisToFull(10, limit.refillPerMilli());
        // Hazelcast keeps TTLs in whole seconds; the bucket must live at least until it would be full.
        assertTrue(entry.getTtl() >= full && entry.getTtl() <= full + 1_000, "TTL " + entry.getTtl() + " for " + full + " ms to full");
    }
}
