package io.github.apigateway.routing;

import io.github.apigateway.lifecycle.Gateway;
import io.github.apigateway.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Normalises the request path and matches it against the route table; the match goes into the
 * {@link RequestContext} for the filters after it and the proxy. Unmatched requests end here (404/405)
 * and never reach authentication or the upstream. The gateway's own {@code /_gateway/} paths pass
 * through to their servlets.
 */
public final class RouteFilter extends HttpFilter {

    static final String RESERVED_PREFIX = "/_gateway/";

    private transient RouteTable routeTable;

    @Override
    public void init() {
        routeTable = Gateway.from(getServletContext()).config().routeTable();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = PathNormalizer.normalize(pathInsideContext(request));
        if (path.startsWith(RESERVED_PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        RequestContext.of(request).routeMatch(routeTable.match(path, request.getMethod()));
        chain.doFilter(request, response);
    }

    /** The raw (still percent-encoded) path after the context path, as the client sent it. */
    private static String pathInsideContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }
}
