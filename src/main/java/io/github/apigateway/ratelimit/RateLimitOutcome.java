package io.github.apigateway.ratelimit;

/** What the rate limit says about one request. */
public sealed interface RateLimitOutcome {

    /** No limit of the route applies to the request. */
    record NotLimited() implements RateLimitOutcome {
    }

    /** The bucket decided: allowed or refused, with the values of the {@code RateLimit-*} headers. */
    record Decided(RateLimitDecision decision) implements RateLimitOutcome {
    }

    /**
     * The cluster could not decide in time; {@code rate_limit_failure} says whether the request passes
     * (open: it does, without {@code RateLimit-*} headers, which would be made up) or not (closed: 503).
     */
    record Undecided(boolean passes) implements RateLimitOutcome {
    }
}
