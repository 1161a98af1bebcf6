package io.github.apigateway.routing;

import io.github.apigateway.web.GatewayException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes in match order: most specific path first, file order among equals. A request takes the
 * first route whose path and method both match, as Kong and Envoy do; when only paths match, the answer
 * is 405 with the methods those routes do serve.
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routesInFileOrder) {
        List<Route> ordered = new ArrayList<>(routesInFileOrder);
        // List.sort is stable, so equally specific routes keep their order in the file.
        ordered.sort(Comparator.comparingInt((Route route) -> route.path().specificity()).reversed());
        this.routes = List.copyOf(ordered);
    }

    /**
     * @param path   the normalised path inside the context
     * @throws GatewayException 404 when no route has the path, 405 when none has the method
     */
    public RouteMatch match(String path, String method) {
        boolean pathMatched = false;
        for (Route route : routes) {
            if (route.path().matches(path)) {
                if (route.allows(method)) {
                    return new RouteMatch(route, path);
                }
                pathMatched = true;
            }
        }
        if (pathMatched) {
            throw new GatewayException(405, "method_not_allowed",
                    "The method " + method + " is not allowed on this path.",
                    Map.of("Allow", String.join(", ", allowedMethods(path))));
        }
        throw new GatewayException(404, "not_found", "No route matches the request path.");
    }

    private Set<String> allowedMethods(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matches(path)) {
                allowed.addAll(route.methods());
            }
        }
        return allowed;
    }

    public List<Route> routes() {
        return routes;
    }
}
