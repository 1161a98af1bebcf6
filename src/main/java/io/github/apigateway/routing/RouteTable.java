package io.github.apigateway.routing;

import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
import io.github.apigateway.http.InvalidPathException;
import io.github.apigateway.http.PathNormalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes in match order: most specific path first, file order among equals. The most specific path
 * that matches decides: the first of its routes that takes the method serves the request, and when none
 * does the answer is 405. A request never falls through to a less specific path, which may have weaker
 * auth (a GET-only {@code /admin/*} beside a public {@code /*} must not let {@code DELETE /admin/x} through).
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routesInFileOrder) {
        List<Route> ordered = new ArrayList<>(routesInFileOrder);
        // List.sort is stable, so equally specific routes keep their order in the file.
        ordered.sort(Comparator.comparingInt((Route route) -> route.path().specificity()).reversed());
        this.routes = List.copyOf(ordered);
    }

    /** @param rawPath the request path inside the context, still percent-encoded as the client sent it */
    public RouteLookup lookup(String rawPath, String method) {
        String path;
        try {
            path = PathNormalizer.normalize(rawPath);
        } catch (InvalidPathException e) {
            return new RouteLookup.Rejected(e.getMessage());
        }
        if (path.startsWith(RoutePath.RESERVED_PREFIX)) {
            return new RouteLookup.GatewayEndpoint(path);
        }
        RoutePath decidingPath = null;
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (decidingPath != null && route.path().specificity() < decidingPath.specificity()) {
                break;
            }
            if (!route.path().matches(path) || (decidingPath != null && !route.path().equals(decidingPath))) {
                continue;
            }
            if (route.allows(method)) {
                return new RouteLookup.Matched(new RouteMatch(route, path));
            }
            decidingPath = route.path();
            allowed.addAll(route.methods());
        }
        return decidingPath == null ? new RouteLookup.NotFound() : new RouteLookup.MethodNotAllowed(List.copyOf(allowed));
    }

    public List<Route> routes() {
        return routes;
    }
}
