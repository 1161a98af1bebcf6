package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;
import java.util.concurrent.TimeoutException;

/** Where buckets live: takes one token from the bucket {@code key} of {@code limit}, atomically. */
public interface RateLimiter {

    /**
     * @throws TimeoutException when the buckets did not answer within {@code timeoutMillis}
     * @throws RuntimeException when the buckets cannot be reached; either way the caller applies
     *                          {@code rate_limit_failure}
     */
    RateLimitDecision consume(String key, RateLimit limit, long timeoutMillis) throws TimeoutException;
}
