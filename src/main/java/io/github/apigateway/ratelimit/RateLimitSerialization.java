package io.github.apigateway.ratelimit;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Creates the rate limiter's Hazelcast messages by id: no reflection, no class names on the wire. */
public final class RateLimitSerialization implements DataSerializableFactory {

    public static final int FACTORY_ID = 1_720;
    static final int REPLICATE_BUCKET = 2;
    static final int GRANT_TOKENS = 3;
    static final int RETURN_TOKENS = 4;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        return switch (classId) {
            case REPLICATE_BUCKET -> new ReplicateBucket<>();
            case GRANT_TOKENS -> new GrantTokens();
            case RETURN_TOKENS -> new ReturnTokens();
            default -> throw new IllegalArgumentException("unknown rate limit message " + classId);
        };
    }
}
