package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One lease's arithmetic, with the cluster's answers given by hand. */
class TokenLeaseTest {

    private static final RateLimit LIMIT = RateLimit.perMinute("limit", RateLimit.Source.ROUTE, null, null, 1, 200L);

    private final TokenLease lease = new TokenLease(LIMIT, 10, 0);

    private void grantOnRefill(boolean needed, int granted, long millisToNextToken) {
        TokenLease.Refill refill = lease.refill(needed);
        lease.granted(new Grant(granted, 100, 60, millisToNextToken), refill.toAsk(), 0);
    }

    @Test
    void anEmptyLeaseAsksTheCluster() {
        assertNull(lease.take(0));
    }

    @Test
    void leasedTokensAreSpentOneARequest() {
        grantOnRefill(true, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(lease.take(0).allowed());
        }
        assertNull(lease.take(0));
    }

    @Test
    void tokensStillHeldAreSpentAfterTheClusterRefusedARefillAheadOfNeed() {
        grantOnRefill(true, 3, 0);
        lease.take(0);
        lease.take(0);
        grantOnRefill(false, 0, 60_000);
        assertTrue(lease.take(1).allowed(), "the last leased token is the node's to spend");
    }

    @Test
    void aRefusalIsRememberedUntilTheBucketCanHoldATokenButAtMostALifetime() {
        grantOnRefill(true, 0, 60_000);
        assertFalse(lease.take(TokenLease.LIFETIME_NANOS - 1).allowed());
        assertNull(lease.take(TokenLease.LIFETIME_NANOS), "then the cluster is asked again");
    }

    @Test
    void unspentTokensOfABucketRunningLowAreGivenBackOnceTheLeaseHasLived() {
        TokenLease.Refill refill = lease.refill(true);
        lease.granted(new Grant(4, 50, 60, 0), refill.toAsk(), 0);
        lease.take(0);
        assertEquals(0, lease.expire(TokenLease.LIFETIME_NANOS - 1));
        assertEquals(3, lease.expire(TokenLease.LIFETIME_NANOS));
        assertNull(lease.take(TokenLease.LIFETIME_NANOS));
    }

    @Test
    void aLeaseOfABucketWithPlentyLeftIsKeptThroughAPause() {
        TokenLease.Refill refill = lease.refill(true);
        lease.granted(new Grant(4, 150, 60, 0), refill.toAsk(), 0);
        assertEquals(0, lease.expire(TokenLease.LIFETIME_NANOS * 5), "150 of 200 left: nobody is refused for it");
        assertEquals(4, lease.expire(TokenLease.PLENTIFUL_LIFETIME_NANOS));
    }

    @Test
    void aSlowBucketsLeaseStartsAtOneToken() {
        assertEquals(1, TokenLease.firstBatch(RateLimit.perMinute("slow", RateLimit.Source.ROUTE, null, null, 30, 1_000L), 50));
    }

    @Test
    void aFastBucketsLeaseStartsAtWhatItRefillsInALifetime() {
        assertEquals(30, TokenLease.firstBatch(RateLimit.perMinute("fast", RateLimit.Source.ROUTE, null, null, 1_800, 1_000L), 50));
    }

    @Test
    void theFirstBatchNeverExceedsTheLeaseBound() {
        assertEquals(50, TokenLease.firstBatch(RateLimit.perMinute("fastest", RateLimit.Source.ROUTE, null, null, 60_000, 1_000L), 50));
    }
}
