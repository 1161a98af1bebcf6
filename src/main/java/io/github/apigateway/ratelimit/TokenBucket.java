package io.github.apigateway.ratelimit;

/**
 * Token bucket arithmetic (CONTRACT.md, Rate limits): at most {@code capacity} tokens, refilled
 * continuously at {@code refillPerMilli}, starting full; each request takes one. Pure functions of a
 * state and the time, so the same code runs in unit tests with a hand-set clock and inside the
 * Hazelcast entry processor with the key owner's clock.
 */
public final class TokenBucket {

    private TokenBucket() {
    }

    /** The bucket after a request at {@code nowMillis}, and what to tell the client. */
    public record Outcome(BucketState state, RateLimitDecision decision) {
    }

    /** @param previous null for a bucket never used (or expired), which is full */
    public static Outcome tryConsume(BucketState previous, long capacity, double refillPerMilli, long nowMillis) {
        // A clock that went back (a key moving to a member whose clock is behind) must not mint tokens later.
        long time = previous == null ? nowMillis : Math.max(nowMillis, previous.updatedAtMillis());
        double tokens = previous == null ? capacity : refilled(previous, capacity, refillPerMilli, time);
        boolean allowed = tokens >= 1.0;
        if (allowed) {
            tokens -= 1.0;
        }
        long remaining = (long) Math.floor(tokens);
        long resetSeconds = ceilSeconds((capacity - tokens) / refillPerMilli);
        long retryAfterSeconds = allowed ? 0 : Math.max(1, ceilSeconds((1.0 - tokens) / refillPerMilli));
        return new Outcome(new BucketState(tokens, time),
                new RateLimitDecision(allowed, capacity, remaining, resetSeconds, retryAfterSeconds));
    }

    /** How long an untouched bucket takes to be full again: after that, forgetting it changes nothing. */
    public static long millisToFull(long capacity, double refillPerMilli) {
        return (long) Math.ceil(capacity / refillPerMilli);
    }

    private static double refilled(BucketState state, long capacity, double refillPerMilli, long nowMillis) {
        long elapsed = Math.max(0, nowMillis - state.updatedAtMillis());
        return Math.min(capacity, state.tokens() + elapsed * refillPerMilli);
    }

    private static long ceilSeconds(double millis) {
        return (long) Math.ceil(Math.max(0, millis) / 1000.0 - 1e-9);
    }
}
