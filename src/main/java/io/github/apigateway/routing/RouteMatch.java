package io.github.apigateway.routing;

import io.github.apigateway.config.Route;

/**
 * The route a request matched, and the normalised path it matched with.
 *
 * @param path the normalised request path inside the context
 */
public record RouteMatch(Route route, String path) {

    /** The path sent to the upstream instance: the matched path, less the route's prefix when it strips. */
    public String upstreamPath() {
        return route.stripPath() ? route.path().strip(path) : path;
    }

    /** What {@link #upstreamPath()} removed, for {@code X-Forwarded-Prefix}; empty when nothing was. */
    public String strippedPrefix() {
        if (!route.stripPath()) {
            return "";
        }
        return route.path().prefix() ? route.path().base() : path;
    }
}
