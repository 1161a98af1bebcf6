package io.github.apigateway.web;

import io.github.apigateway.config.RateLimit;
import io.github.apigateway.ratelimit.RateLimitDecision;
import io.github.apigateway.ratelimit.RateLimitPolicy;
import io.github.apigateway.ratelimit.RateLimiter;
import io.github.apigateway.config.Route;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes a token for the request from the limit that applies to it, after authentication (so
 * {@code user} and {@code client} count verified callers and {@code when} reads unforgeable headers)
 * and before the proxy. The cluster gets {@link #DECISION_TIMEOUT_MILLIS} to answer; past that, or on a
 * cluster error, {@code rate_limit_failure} decides: open lets the request through (counted and
 * logged), closed answers 503. Requests never wait on the cluster longer than that.
 */
final class RateLimitFilter extends HttpFilter {

    static final long DECISION_TIMEOUT_MILLIS = 500;
    private static final System.Logger LOG = System.getLogger(RateLimitFilter.class.getName());

    private final transient RateLimitPolicy policy;
    private final transient RateLimiter limiter;
    private final transient AtomicLong failures;

    RateLimitFilter(RateLimitPolicy policy, RateLimiter limiter, AtomicLong failures) {
        this.policy = policy;
        this.limiter = limiter;
        this.failures = failures;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.of(request);
        if (context.hasRoute()) {
            Route route = context.routeMatch().route();
            RateLimit limit = policy.select(route, request);
            if (limit != null) {
                RateLimitDecision decision = decide(limit, policy.bucketKey(limit, route, context.identity(), request),
                        context.requestId());
                if (decision != null) {
                    answer(decision, response);
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** @return the decision, or null when the cluster could not answer and the policy fails open */
    private RateLimitDecision decide(RateLimit limit, String key, String requestId) {
        try {
            return limiter.consume(key, limit, DECISION_TIMEOUT_MILLIS);
        } catch (TimeoutException | RuntimeException e) {
            long count = failures.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Request " + requestId + ": rate limit '" + limit.id()
                    + "' could not be decided (" + e.getClass().getSimpleName() + "), failing "
                    + (policy.failOpen() ? "open" : "closed") + "; " + count + " such failures so far");
            if (policy.failOpen()) {
                return null;
            }
            throw new GatewayException(503, "service_unavailable", "The rate limiter is not available.");
        }
    }

    private static void answer(RateLimitDecision decision, HttpServletResponse response) {
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            throw new GatewayException(429, "too_many_requests", "The rate limit of this route is exhausted.",
                    Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
        }
    }
}
