package io.github.apigateway.ratelimit;

/**
 * Token bucket arithmetic: at most {@code capacity} tokens, refilled continuously at
 * {@code refillPerMilli}, starting full. Pure functions of a state and the time, so the same code runs in
 * unit tests with a hand-set clock and inside the Hazelcast entry processors with the key owner's clock.
 *
 * <p>Tokens leave a bucket in grants of one or more (a node leases a batch and spends it locally) and may
 * come back unspent. A grant never takes more than a quarter of what is left, down to a single token:
 * as a bucket runs dry its last tokens go out one at a time, so no node strands them in a lease while
 * another node is refused.
 */
public final class TokenBucket {

    static final int SHARE_OF_REMAINING_DIVISOR = 4;

    private TokenBucket() {
    }

    /** The bucket after a grant, and what the cluster tells the node that asked. */
    public record Granted(BucketState state, Grant grant) {
    }

    /**
     * @param previous null for a bucket never used (or expired), which is full
     * @param wanted   how many tokens the node asks for, at least 1
     */
    public static Granted grant(BucketState previous, long capacity, double refillPerMilli, long nowMillis, int wanted) {
        // A clock that went back (a key moving to a member whose clock is behind) must not mint tokens later.
        long time = previous == null ? nowMillis : Math.max(nowMillis, previous.updatedAtMillis());
        double tokens = previous == null ? capacity : refilled(previous, capacity, refillPerMilli, time);
        int granted = (int) Math.min(wanted, Math.max(Math.min(1, Math.floor(tokens)),
                Math.floor(tokens / SHARE_OF_REMAINING_DIVISOR)));
        tokens -= granted;
        return new Granted(new BucketState(tokens, time), new Grant(granted, (long) Math.floor(tokens),
                ceilSeconds((capacity - tokens) / refillPerMilli), millisToNextToken(tokens, refillPerMilli)));
    }

    /** The bucket after a node gave back {@code count} leased tokens it did not spend. */
    public static BucketState giveBack(BucketState previous, long capacity, double refillPerMilli, long nowMillis,
                                       int count) {
        if (previous == null) {
            return new BucketState(capacity, nowMillis);
        }
        long time = Math.max(nowMillis, previous.updatedAtMillis());
        return new BucketState(Math.min(capacity, refilled(previous, capacity, refillPerMilli, time) + count), time);
    }

    /** How long a bucket holding {@code tokens} takes to be full: after that, forgetting it changes nothing. */
    public static long millisToFull(double tokens, long capacity, double refillPerMilli) {
        return Math.max(1, (long) Math.ceil((capacity - tokens) / refillPerMilli));
    }

    private static long millisToNextToken(double tokens, double refillPerMilli) {
        return tokens >= 1.0 ? 0 : (long) Math.ceil((1.0 - tokens) / refillPerMilli);
    }

    private static double refilled(BucketState state, long capacity, double refillPerMilli, long nowMillis) {
        long elapsed = Math.max(0, nowMillis - state.updatedAtMillis());
        return Math.min(capacity, state.tokens() + elapsed * refillPerMilli);
    }

    private static long ceilSeconds(double millis) {
        return (long) Math.ceil(Math.max(0, millis) / 1000.0 - 1e-9);
    }
}
