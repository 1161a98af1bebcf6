package io.github.apigateway.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.util.concurrent.CompletionStage;

/**
 * Buckets in a Hazelcast map, shared by every gateway node of the cluster. Each request is one entry
 * processor run on the key's owner ({@link ConsumeToken}): the read, the refill, the take and the
 * write happen there atomically, with the owner's clock, so nodes never race each other or disagree
 * about time. Not the CP subsystem: since Hazelcast 5.5 it needs an Enterprise licence.
 */
public final class HazelcastRateLimiter implements RateLimiter {

    public static final String MAP_NAME = "gateway-rate-limits";

    private final IMap<String, double[]> buckets;

    public HazelcastRateLimiter(HazelcastInstance hazelcast) {
        this.buckets = hazelcast.getMap(MAP_NAME);
    }

    @Override
    public CompletionStage<RateLimitDecision> consume(String key, RateLimit limit) {
        return buckets.submitToKey(key, new ConsumeToken(limit.capacity(), limit.refillPerMilli()))
                .thenApply(ConsumeToken::decision);
    }
}
