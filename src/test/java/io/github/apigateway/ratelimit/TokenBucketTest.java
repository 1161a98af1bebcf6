package io.github.apigateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bucket arithmetic with a hand-set clock: 60 requests per minute (one a second), burst 10. */
class TokenBucketTest {

    private static final long BURST = 10;
    private static final double ONE_PER_SECOND = 60 / 60_000.0;

    private BucketState state;

    private Grant askAt(long millis, int wanted) {
        TokenBucket.Granted granted = TokenBucket.grant(state, BURST, ONE_PER_SECOND, millis, wanted);
        state = granted.state();
        return granted.grant();
    }

    private void drain(long millis) {
        while (askAt(millis, 1).granted() > 0) {
            // one token at a time until the bucket refuses
        }
    }

    @Test
    void aNewBucketStartsFullAndGrantsTheWholeBurstOneByOne() {
        for (int i = 0; i < BURST; i++) {
            Grant grant = askAt(0, 1);
            assertEquals(1, grant.granted(), "request " + i);
            assertEquals(BURST - 1 - i, grant.remaining());
        }
        assertEquals(0, askAt(0, 1).granted());
    }

    @Test
    void aGrantTakesAtMostAQuarterOfWhatIsLeftSoTheLastTokensGoOutOneAtATime() {
        assertEquals(2, askAt(0, 5).granted(), "a quarter of 10, rounded down");
        assertEquals(2, askAt(0, 5).granted(), "a quarter of 8");
        assertEquals(1, askAt(0, 5).granted(), "a quarter of 6 is 1");
        assertEquals(1, askAt(0, 5).granted(), "never less than one token while there is one");
        assertEquals(4, state.tokens());
    }

    @Test
    void aRefusalSaysWhenTheNextTokenArrives() {
        drain(0);
        Grant refused = askAt(200, 1);
        assertEquals(0, refused.granted());
        assertEquals(800, refused.millisToNextToken());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(0, refused.remaining());
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        drain(0);
        assertEquals(1, askAt(999, 1).retryAfterSeconds());
    }

    @Test
    void tokensRefillAtTheConfiguredRate() {
        drain(0);
        assertEquals(0, askAt(500, 1).granted());
        assertEquals(1, askAt(1_000, 1).granted());
        assertEquals(0, askAt(1_000, 1).granted());
        assertEquals(1, askAt(2_000, 1).granted());
    }

    @Test
    void refillNeverExceedsTheBurst() {
        askAt(0, 1);
        assertEquals(BURST - 1, askAt(3_600_000, 1).remaining());
    }

    @Test
    void resetIsTheTimeUntilTheBucketIsFull() {
        askAt(0, 1);
        askAt(0, 1);
        askAt(0, 1);
        assertEquals(4, askAt(0, 1).resetSeconds(), "four tokens missing at one a second");
    }

    @Test
    void aSlowRatePausesLongerThanAFastOne() {
        double onePerMinute = 1 / 60_000.0;
        TokenBucket.Granted first = TokenBucket.grant(null, 1, onePerMinute, 0, 1);
        TokenBucket.Granted second = TokenBucket.grant(first.state(), 1, onePerMinute, 1_000, 1);
        assertEquals(0, second.grant().granted());
        assertEquals(59, second.grant().retryAfterSeconds());
    }

    @Test
    void aClockGoingBackwardsAddsNoTokens() {
        drain(10_000);
        assertEquals(0, askAt(5_000, 1).granted());
    }

    @Test
    void givenBackTokensReturnToTheBucketButNeverAboveTheBurst() {
        askAt(0, 1);
        askAt(0, 1);
        askAt(0, 1);
        state = TokenBucket.giveBack(state, BURST, ONE_PER_SECOND, 0, 2);
        assertEquals(9.0, state.tokens());
        state = TokenBucket.giveBack(state, BURST, ONE_PER_SECOND, 0, 5);
        assertEquals(10.0, state.tokens());
    }

    @Test
    void aBucketIsFullAgainAfterMillisToFull() {
        assertEquals(10_000, TokenBucket.millisToFull(0, BURST, ONE_PER_SECOND));
        assertEquals(1_000, TokenBucket.millisToFull(9, BURST, ONE_PER_SECOND));
        assertEquals(1, TokenBucket.millisToFull(BURST, BURST, ONE_PER_SECOND), "a full bucket expires at once");
    }
}
