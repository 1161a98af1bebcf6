package io.github.apigateway.ratelimit;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.RateLimit;
import io.github.apigateway.config.Route;
import io.github.apigateway.observability.RateLimitMetrics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The rate limit step of a request: picks the limit and bucket ({@link RateLimitPolicy}), takes a token
 * ({@link RateLimiter}), and when the cluster cannot decide in time applies {@code rate_limit_failure},
 * counting and logging the failure ({@link RateLimitFailures}). Every decision is counted by limit and
 * outcome ({@link RateLimitMetrics}). The answer is usually complete at once; the caller suspends the
 * request only when it is not.
 *
 * @param failOpen {@code rate_limit_failure}: whether a request passes when the cluster cannot decide in time
 */
public record RateLimitGuard(RateLimitPolicy policy, RateLimiter limiter, RateLimitFailures failures, boolean failOpen,
                             RateLimitMetrics metrics) {

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
            return CompletableFuture.completedFuture(decided(limit, decision.join()));
        }
        return decision.handle((decided, failure) -> {
            if (failure == null) {
                return decided(limit, decided);
            }
            failures.record(limit.id(), failure instanceof CompletionException ? failure.getCause() : failure, failOpen);
            metrics.record(limit.id(), failOpen ? RateLimitMetrics.Outcome.FAILED_OPEN : RateLimitMetrics.Outcome.FAILED_CLOSED);
            return new RateLimitOutcome.Undecided(failOpen);
        });
    }

    private RateLimitOutcome decided(RateLimit limit, RateLimitDecision decision) {
        metrics.record(limit.id(), decision.allowed() ? RateLimitMetrics.Outcome.ALLOWED : RateLimitMetrics.Outcome.LIMITED);
        return new RateLimitOutcome.Decided(decision);
    }
}
