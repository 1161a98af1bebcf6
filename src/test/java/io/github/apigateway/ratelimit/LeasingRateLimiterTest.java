package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leases on a hand-set clock against in-memory cluster buckets. */
class LeasingRateLimiterTest {

    private static final double ONE_PER_MINUTE = 1 / 60_000.0;
    /** Refills so slowly that a test's clock never adds a measurable token. */
    private static final double NEVER = 1e-15;
    private static final long DEADLINE_NANOS = 50_000_000L;

    private long nowNanos;
    private final InMemoryBuckets cluster = new InMemoryBuckets(() -> nowNanos / 1_000_000);

    private LeasingRateLimiter node() {
        return new LeasingRateLimiter(cluster, () -> nowNanos, DEADLINE_NANOS);
    }

    private static RateLimit limit(long burst) {
        return new RateLimit("limit", RateLimit.Source.ROUTE, null, null, burst, ONE_PER_MINUTE);
    }

    private static RateLimit withoutRefill(long burst) {
        return new RateLimit("limit", RateLimit.Source.ROUTE, null, null, burst, NEVER);
    }

    private static RateLimitDecision decided(CompletableFuture<RateLimitDecision> decision) {
        assertTrue(decision.isDone(), "decided without waiting");
        return decision.join();
    }

    @Test
    void aSmallBucketIsDecidedByTheClusterForEveryRequest() {
        LeasingRateLimiter node = node();
        for (int i = 0; i < 20; i++) {
            assertTrue(decided(node.acquire("k", limit(20))).allowed());
        }
        assertFalse(decided(node.acquire("k", limit(20))).allowed());
        assertEquals(21, cluster.grantCalls);
        assertEquals(0, node.leaseCount());
    }

    @Test
    void aBusyBucketIsServedFromLeasesWithOneClusterCallPerBatch() {
        LeasingRateLimiter node = node();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(decided(node.acquire("k", limit(10_000))).allowed(), "request " + i);
        }
        assertTrue(cluster.grantCalls <= 1_000 / 40, cluster.grantCalls + " cluster calls for 1,000 requests");
    }

    @Test
    void theFirstRequestSeesTheBucketLessItsOwnToken() {
        RateLimitDecision first = decided(node().acquire("k", limit(100)));
        assertEquals(100, first.limit());
        assertEquals(99, first.remaining());
    }

    @Test
    void remainingCountsTheClusterBucketAndThisNodesUnspentLease() {
        LeasingRateLimiter node = node();
        for (int i = 0; i < 10; i++) {
            node.acquire("k", limit(100));
        }
        assertEquals(89, decided(node.acquire("k", limit(100))).remaining());
    }

    @Test
    void unspentTokensGoBackToTheClusterWhenTheLeaseExpires() {
        LeasingRateLimiter node = node();
        for (int i = 0; i < 10; i++) {
            node.acquire("k", withoutRefill(100));
        }
        double inCluster = cluster.tokens("k");
        nowNanos += TokenLease.PLENTIFUL_LIFETIME_NANOS;
        node.sweep();
        assertEquals(90.0 - inCluster, cluster.givenBack, 1e-9, "the lease's unspent tokens");
        assertEquals(90.0, cluster.tokens("k"), 1e-9);
    }

    @Test
    void unspentTokensOfABucketRunningLowGoBackAfterASecondUnused() {
        LeasingRateLimiter node = node();
        for (int i = 0; i < 70; i++) {
            node.acquire("k", withoutRefill(100));
        }
        double held = 100 - 70 - cluster.tokens("k");
        assertTrue(held > 0, "the node holds leased tokens");
        nowNanos += TokenLease.LIFETIME_NANOS;
        node.sweep();
        assertEquals(held, cluster.givenBack, 1e-9, "less than half the burst was left: the lease is given back");
    }

    @Test
    void anIdleLeaseIsForgotten() {
        LeasingRateLimiter node = node();
        node.acquire("k", limit(100));
        nowNanos += TokenLease.PLENTIFUL_LIFETIME_NANOS;
        node.sweep();
        nowNanos += TokenLease.IDLE_NANOS + 1;
        node.sweep();
        assertEquals(0, node.leaseCount());
    }

    @Test
    void aRefusalIsRememberedSoAnEmptyBucketCostsNoClusterCalls() {
        LeasingRateLimiter node = node();
        RateLimitDecision last;
        do {
            last = decided(node.acquire("k", limit(40)));
        } while (last.allowed());
        int callsWhenRefused = cluster.grantCalls;
        for (int i = 0; i < 100; i++) {
            RateLimitDecision refused = decided(node.acquire("k", limit(40)));
            assertFalse(refused.allowed());
            assertEquals(60, refused.retryAfterSeconds());
        }
        assertEquals(callsWhenRefused, cluster.grantCalls);
    }

    @Test
    void requestsArrivingWhileTheClusterIsAskedWaitForThatCallInsteadOfAskingAgain() {
        LeasingRateLimiter node = node();
        cluster.holdAnswers();
        List<CompletableFuture<RateLimitDecision>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(node.acquire("k", limit(1_000)));
        }
        assertEquals(1, cluster.grantCalls);
        cluster.answerHeld();
        for (CompletableFuture<RateLimitDecision> decision : waiting) {
            assertTrue(decided(decision).allowed());
        }
        assertEquals(4, cluster.grantCalls, "batches of 1, 2 and 4 tokens served the five, and 8 more were asked for ahead");
    }

    @Test
    void severalNodesTogetherNeverAllowMoreThanTheBucketHoldsAndLoseNoToken() {
        List<LeasingRateLimiter> nodes = List.of(node(), node(), node());
        Random random = new Random(7);
        int allowed = 0;
        for (int i = 0; i < 2_000; i++) {
            LeasingRateLimiter node = nodes.get(random.nextInt(nodes.size()));
            allowed += decided(node.acquire("k", withoutRefill(800))).allowed() ? 1 : 0;
            if (random.nextInt(50) == 0) {
                nowNanos += TokenLease.LIFETIME_NANOS / 4;
                nodes.forEach(LeasingRateLimiter::sweep);
            }
        }
        assertTrue(allowed <= 800, allowed + " allowed from a bucket of 800");
        nowNanos += TokenLease.LIFETIME_NANOS;
        nodes.forEach(LeasingRateLimiter::sweep);
        assertEquals(800 - allowed, cluster.tokens("k"), 1e-6, "every token is spent or back in the bucket");
    }

    @Test
    void pastItsLimitOfLeasesANodeAsksTheClusterDirectly() {
        LeasingRateLimiter node = node();
        for (int i = 0; i < LeasingRateLimiter.MAX_LEASES; i++) {
            node.acquire("k" + i, limit(100));
        }
        int calls = cluster.grantCalls;
        assertTrue(decided(node.acquire("one-more", limit(100))).allowed());
        assertTrue(decided(node.acquire("one-more", limit(100))).allowed());
        assertEquals(LeasingRateLimiter.MAX_LEASES, node.leaseCount());
        assertEquals(calls + 2, cluster.grantCalls);
    }
}
