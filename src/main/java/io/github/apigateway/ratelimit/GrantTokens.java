package io.github.apigateway.ratelimit;

import java.util.Map;

/**
 * Takes up to the wanted number of tokens from a bucket ({@link TokenBucket#grant}). The answer travels
 * as {@code long[]}, one of Hazelcast's built-in types: a few bytes on the wire, no schema.
 */
final class GrantTokens extends BucketUpdate<long[]> {

    GrantTokens() {
    }

    GrantTokens(long capacity, double refillPerMilli, int wanted) {
        super(capacity, refillPerMilli, wanted);
    }

    @Override
    public long[] process(Map.Entry<String, double[]> entry) {
        TokenBucket.Granted granted = TokenBucket.grant(StoredBucket.read(entry.getValue()), capacity, refillPerMilli,
                System.currentTimeMillis(), tokens);
        Grant grant = granted.grant();
        return store(entry, granted.state(),
                new long[]{grant.granted(), grant.remaining(), grant.resetSeconds(), grant.millisToNextToken()});
    }

    static Grant grant(long[] wire) {
        return new Grant((int) wire[0], wire[1], wire[2], wire[3]);
    }

    @Override
    public int getClassId() {
        return RateLimitSerialization.GRANT_TOKENS;
    }
}
