package io.github.apigateway.routing;

import java.util.List;

/** What the route table says about a request path and method. */
public sealed interface RouteLookup {

    /** A route takes the request. */
    record Matched(RouteMatch match) implements RouteLookup {
    }

    /** The most specific path that matches has routes, but none takes the method: 405 with {@code Allow}. */
    /** @param allowed sorted */
    record MethodNotAllowed(List<String> allowed) implements RouteLookup {

        public MethodNotAllowed {
            allowed = List.copyOf(allowed);
        }
    }

    /** No route's path matches: 404. */
    record NotFound() implements RouteLookup {
    }

    /** The path cannot be made safe to match and forward (an escape of '/', a climb above the root): 400. */
    record Rejected(String reason) implements RouteLookup {
    }

    /** One of the gateway's own {@code /_gateway/} paths, served by its own endpoints, never routed. */
    record GatewayEndpoint(String path) implements RouteLookup {
    }
}
