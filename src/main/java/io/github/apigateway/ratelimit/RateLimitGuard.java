package io.github.apigateway.ratelimit;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.RateLimit;
import io.github.apigateway.config.Route;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The rate limit step of a request: picks the limit and bucket ({@link RateLimitPolicy}), takes a token
 * ({@link RateLimiter}), and when the cluster cannot decide in time applies {@code rate_limit_failure},
 * counting and logging the failure ({@link RateLimitFailures}). The answer is usually complete at once; the
 * caller suspends the request only when it is not.
 *
 * @param failOpen {@code rate_limit_failure}: whether a request passes when the cluster cannot decide in time
 */
public record RateLimitGuard(RateLimitPolicy policy, RateLimiter limiter, RateLimitFailures failures, boolean failOpen) {

    private static final CompletableFuture<RateLimitOutcome> NOT_LIMITED =
            CompletableFuture.completedFuture(new RateLimitOutcome.NotLimited());

    /** @param identity the verified caller, null for an anonymous one */
    public CompletableFuture<RateLimitOutcome> check(Route route, Identity identity, RequestView request) {
        RateLimit limit = policy.select(route, request);
        if (limit == null) {
            return NOT_LIMITED;
        }
        CompletableFuture<RateLimitDecision> decision = limiter.acquire(policy.bucketKey(limit, route, identity, request), limit);
        if (decision.isDone() && !decision.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(new RateLimitOutcome.Decided(decision.join()));
        }
        return decision.handle((decided, failure) -> {
            if (failure == null) {
                return new RateLimitOutcome.Decided(decided);
            }
            failures.record(limit.id(), failure instanceof CompletionException ? failure.getCause() : failure, failOpen);
            return new RateLimitOutcome.Undecided(failOpen);
        });
    }
}
