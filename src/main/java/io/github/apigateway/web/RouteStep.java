package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import io.github.apigateway.routing.RouteLookup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * Matches the request against the route table of the config it is served with; the match goes into the {@link RequestContext} for the
 * steps after it and the proxy. Unmatched requests end here (400/404/405) and never reach
 * authentication or the upstream. The gateway's own {@code /_gateway/} paths pass through to their servlets.
 */
final class RouteStep implements Step {

    @Override
    public void apply(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.of(request);
        RouteLookup lookup = context.config().routeTable().lookup(pathInsideContext(request), request.getMethod());
        if (lookup instanceof RouteLookup.Matched matched) {
            context.routeMatch(matched.match());
        } else if (lookup instanceof RouteLookup.Rejected rejected) {
            throw GatewayException.badRequest(rejected.reason());
        } else if (lookup instanceof RouteLookup.NotFound) {
            throw new GatewayException(404, "not_found", "No route matches the request path.");
        } else if (lookup instanceof RouteLookup.MethodNotAllowed notAllowed) {
            throw new GatewayException(405, "method_not_allowed",
                    "The method " + request.getMethod() + " is not allowed on this path.",
                    Map.of("Allow", String.join(", ", notAllowed.allowed())));
        }
        chain.doFilter(request, response);
    }

    /** The raw (still percent-encoded) path after the context path, as the client sent it. */
    private static String pathInsideContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }
}
