package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;

import java.util.concurrent.CompletableFuture;

/** Takes one token for one request from the bucket {@code key} of {@code limit}. */
public interface RateLimiter {

    /**
     * @return the decision, already complete when it could be made locally; failed when the buckets
     *         could not answer within their deadline, and the caller applies {@code rate_limit_failure}
     */
    CompletableFuture<RateLimitDecision> acquire(String key, RateLimit limit);
}
