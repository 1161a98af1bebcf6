package io.github.apigateway.ratelimit;

/**
 * The cluster's answer to a node asking a bucket for tokens.
 *
 * @param granted           how many tokens the node may spend, 0 when the bucket is empty
 * @param remaining         whole tokens left in the bucket after the grant
 * @param resetSeconds      seconds until the bucket is full again
 * @param millisToNextToken when {@code granted} is 0: how long until the bucket holds a token again
 */
public record Grant(int granted, long remaining, long resetSeconds, long millisToNextToken) {

    /** Seconds a refused client should wait, at least 1 (RFC 9110 {@code Retry-After}). */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(millisToNextToken / 1000.0));
    }
}
