package io.github.apigateway.ratelimit;

import java.util.concurrent.CompletionStage;

/** Where buckets live: takes one token from the bucket {@code key} of {@code limit}, atomically. */
public interface RateLimiter {

    CompletionStage<RateLimitDecision> consume(String key, RateLimit limit);
}
