package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.observability.AccessLog;
import io.github.apigateway.observability.AccessLogEntry;
import io.github.apigateway.observability.HttpServerMetrics;
import io.github.apigateway.observability.RouteMeters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Collections;

/**
 * What the gateway records when an exchange ends: the request's duration in its route's histogram,
 * the end of its span, and its access log entry. The route label is the matched route's id, or one of
 * two fixed values (the gateway's own endpoints, no route): never the raw path. Immutable; its parts
 * are thread-safe.
 */
record ExchangeObserver(HttpServerMetrics metrics, AccessLog accessLog) {

    private static final String OWN_PATHS = "/_gateway/";

    void ended(HttpServletRequest request, HttpServletResponse response, RequestContext context) {
        long durationNanos = System.nanoTime() - context.startNanos();
        String method = request.getMethod();
        int status = response.getStatus();
        String route = routeLabel(request, context);
        RouteMeters meters = context.hasRoute() ? metrics.route(route)
                : route.equals(HttpServerMetrics.GATEWAY) ? metrics.gatewayEndpoints() : metrics.unmatched();
        meters.record(method, status, durationNanos);
        context.span().end(method, route, status);
        if (accessLog.enabled()) {
            accessLog.offer(entry(request, context, method, status, durationNanos, route));
        }
    }

    private AccessLogEntry entry(HttpServletRequest request, RequestContext context, String method, int status,
                                 long durationNanos, String route) {
        Identity identity = context.identity();
        return new AccessLogEntry(System.currentTimeMillis() - durationNanos / 1_000_000, method,
                request.getRequestURI(), request.getQueryString(), status, durationNanos,
                context.config().clientAddress().resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For"))),
                identity == null ? null : identity.subject(), context.span().traceId(), route, context.requestId(),
                context.upstreamAddress());
    }

    private static String routeLabel(HttpServletRequest request, RequestContext context) {
        if (context.hasRoute()) {
            return context.routeId();
        }
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(OWN_PATHS, uri.startsWith(contextPath) ? contextPath.length() : 0)
                ? HttpServerMetrics.GATEWAY : HttpServerMetrics.UNMATCHED;
    }
}
