package io.github.apigateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bucket arithmetic with a hand-set clock: 60 requests per minute (one a second), burst 10. */
class TokenBucketTest {

    private static final long BURST = 10;
    private static final double ONE_PER_SECOND = 60 / 60_000.0;

    private BucketState state;

    private RateLimitDecision requestAt(long millis) {
        TokenBucket.Outcome outcome = TokenBucket.tryConsume(state, BURST, ONE_PER_SECOND, millis);
        state = outcome.state();
        return outcome.decision();
    }

    @Test
    void aNewBucketStartsFullAndAllowsTheWholeBurstAtOnce() {
        for (int i = 0; i < BURST; i++) {
            RateLimitDecision decision = requestAt(0);
            assertTrue(decision.allowed(), "request " + i);
            assertEquals(BURST - 1 - i, decision.remaining());
        }
        assertFalse(requestAt(0).allowed());
    }

    @Test
    void aRefusalSaysWhenTheNextTokenArrives() {
        for (int i = 0; i < BURST; i++) {
            requestAt(0);
        }
        RateLimitDecision refused = requestAt(200);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(0, refused.remaining());
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        for (int i = 0; i < BURST; i++) {
            requestAt(0);
        }
        assertEquals(1, requestAt(999).retryAfterSeconds());
    }

    @Test
    void tokensRefillAtTheConfiguredRate() {
        for (int i = 0; i < BURST; i++) {
            requestAt(0);
        }
        assertFalse(requestAt(500).allowed());
        assertTrue(requestAt(1_000).allowed());
        assertFalse(requestAt(1_000).allowed());
        assertTrue(requestAt(2_000).allowed());
    }

    @Test
    void refillNeverExceedsTheBurst() {
        requestAt(0);
        RateLimitDecision afterAnHour = requestAt(3_600_000);
        assertEquals(BURST - 1, afterAnHour.remaining());
    }

    @Test
    void resetIsTheTimeUntilTheBucketIsFull() {
        requestAt(0);
        requestAt(0);
        requestAt(0);
        assertEquals(4, requestAt(0).resetSeconds(), "four tokens missing at one a second");
        assertEquals(BURST, requestAt(0).limit());
    }

    @Test
    void aSlowRatePausesLongerThanAFastOne() {
        double onePerMinute = 1 / 60_000.0;
        TokenBucket.Outcome first = TokenBucket.tryConsume(null, 1, onePerMinute, 0);
        TokenBucket.Outcome second = TokenBucket.tryConsume(first.state(), 1, onePerMinute, 1_000);
        assertFalse(second.decision().allowed());
        assertEquals(59, second.decision().retryAfterSeconds());
    }

    @Test
    void aClockGoingBackwardsAddsNoTokens() {
        for (int i = 0; i < BURST; i++) {
            requestAt(10_000);
        }
        assertFalse(requestAt(5_000).allowed());
    }

    @Test
    void anIdleBucketIsFullAgainAfterMillisToFull() {
        assertEquals(10_000, TokenBucket.millisToFull(BURST, ONE_PER_SECOND));
    }
}
