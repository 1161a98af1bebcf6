package io.github.apigateway.ratelimit;

/** What a bucket remembers between requests: its tokens and when they were counted. */
public record BucketState(double tokens, long updatedAtMillis) {
}
