package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;

/**
 * The answer for one request under one limit, with the values of the {@code RateLimit-*} headers.
 *
 * @param limit             the bucket's capacity (burst)
 * @param remaining         whole tokens left
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds when refused: seconds until a token is there, at least 1
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
}
