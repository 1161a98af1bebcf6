package io.github.apigateway.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated route.
 *
 * @param methods    the methods it serves; empty means all
 * @param service           the service its requests go to; null on an aggregate route
 * @param rateLimits        the limit ids to try in order: the route's own, else {@code default_rate_limits}
 * @param requestTransform  {@link RequestTransform#NONE} when the route has none
 * @param responseTransform {@link ResponseTransform#NONE} when the route has none
 * @param aggregate         present on an aggregate route, which answers from several services' calls instead
 */
public record Route(String id,
                    RoutePath path,
                    Set<String> methods,
                    String service,
                    boolean stripPath,
                    boolean preserveHost,
                    AuthMode auth,
                    List<String> roles,
                    List<String> rateLimits,
                    RequestTransform requestTransform,
                    ResponseTransform responseTransform,
                    Optional<Aggregation> aggregate) {

    public Route {
        methods = Set.copyOf(methods);
        roles = List.copyOf(roles);
        rateLimits = List.copyOf(rateLimits);
    }

    /** A route that forwards to its service and transforms neither its requests nor its responses. */
    public Route(String id, RoutePath path, Set<String> methods, String service, boolean stripPath,
                 boolean preserveHost, AuthMode auth, List<String> roles, List<String> rateLimits) {
        this(id, path, methods, service, stripPath, preserveHost, auth, roles, rateLimits,
                RequestTransform.NONE, ResponseTransform.NONE, Optional.empty());
    }

    public boolean allows(String method) {
        return methods.isEmpty() || methods.contains(method);
    }
}
