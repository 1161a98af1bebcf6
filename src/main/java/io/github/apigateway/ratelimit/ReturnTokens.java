package io.github.apigateway.ratelimit;

import java.util.Map;

/** Puts leased tokens a node did not spend back into their bucket ({@link TokenBucket#giveBack}). */
final class ReturnTokens extends BucketUpdate<Void> {

    ReturnTokens() {
    }

    ReturnTokens(long capacity, double refillPerMilli, int count) {
        super(capacity, refillPerMilli, count);
    }

    @Override
    public Void process(Map.Entry<String, double[]> entry) {
        BucketState state = TokenBucket.giveBack(StoredBucket.read(entry.getValue()), capacity, refillPerMilli,
                System.currentTimeMillis(), tokens);
        return store(entry, state, null);
    }

    @Override
    public int getClassId() {
        return RateLimitSerialization.RETURN_TOKENS;
    }
}
