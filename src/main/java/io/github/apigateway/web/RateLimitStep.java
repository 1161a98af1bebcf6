package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import io.github.apigateway.ratelimit.RateLimitDecision;
import io.github.apigateway.ratelimit.RateLimitOutcome;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a token for the request from the limit that applies to it, after authentication (so {@code user}
 * and {@code client} count verified callers and {@code when} reads unforgeable headers) and before the
 * proxy. Most decisions are made at once from this node's lease; when the cluster must be asked, the
 * request is suspended, not its thread: the answer (or the deadline) dispatches it back here, on a
 * container thread, where it is let through to the proxy or refused. (Its filter is mapped for async
 * dispatches too: a request an earlier step resumed meets this step for the first time and is limited
 * then; any other async dispatch this step did not start, such as an abort on Tomcat, passes through.)
 */
final class RateLimitStep implements RoutedStep {

    private static final String PENDING = RateLimitStep.class.getName() + ".pending";
    private static final String SEEN = RateLimitStep.class.getName() + ".seen";

    @Override
    public void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                      FilterChain chain) throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(SEEN) != null) {
            resume(context, request, response, chain);
            return;
        }
        request.setAttribute(SEEN, Boolean.TRUE);
        CompletableFuture<RateLimitOutcome> outcome = context.config().rateLimits().check(context.routeMatch().route(), context.identity(),
                new ServletRequestView(request));
        if (outcome.isDone()) {
            apply(outcome.join(), response);
            chain.doFilter(request, response);
            return;
        }
        // The wrapped request and response are the ones the dispatch hands on, identity headers included.
        AsyncContext async = request.startAsync(request, response);
        request.setAttribute(PENDING, outcome);
        outcome.whenComplete((decided, failure) -> async.dispatch());
    }

    /** Back from the cluster; an async dispatch that did not come from here (an abort) passes through. */
    @SuppressWarnings("unchecked")
    private static void resume(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                               FilterChain chain) throws IOException, ServletException {
        Object pending = request.getAttribute(PENDING);
        if (pending == null) {
            chain.doFilter(request, response);
            return;
        }
        request.removeAttribute(PENDING);
        try {
            apply(((CompletableFuture<RateLimitOutcome>) pending).join(), response);
        } catch (GatewayException refused) {
            // The request id filter, which answers refusals, does not run on async dispatches.
            ErrorResponses.send(response, refused, context.requestId());
            return;
        }
        chain.doFilter(request, response);
    }

    private static void apply(RateLimitOutcome outcome, HttpServletResponse response) {
        if (outcome instanceof RateLimitOutcome.Decided decided) {
            answer(decided.decision(), response);
        } else if (outcome instanceof RateLimitOutcome.Undecided undecided && !undecided.passes()) {
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
