package io.github.apigateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code routes}: each route's own fields, and what it refers to (its service, its auth mode, its
 * rate limits), against the parts of the config checked before it.
 */
final class RoutesValidator {

    private static final Set<String> AGGREGATE_METHODS = Set.of("GET", "HEAD");

    private final ConfigProblems problems;
    private final Set<String> services;
    private final AuthValidator auth;
    private final RateLimitsValidator rateLimits;
    private final List<String> defaultRateLimits;
    private final AggregationValidator aggregations;
    private final TransformValidator transforms;
    private final Set<String> ids = new HashSet<>();

    /** @param defaultRateLimits what a route without {@code rate_limits} takes */
    RoutesValidator(ConfigProblems problems, Set<String> services, AuthValidator auth, RateLimitsValidator rateLimits,
                    List<String> defaultRateLimits) {
        this.problems = problems;
        this.services = services;
        this.auth = auth;
        this.rateLimits = rateLimits;
        this.aggregations = new AggregationValidator(problems, services);
        this.defaultRateLimits = Objects.requireNonNullElse(defaultRateLimits, List.of());
        this.transforms = new TransformValidator(problems);
    }

    /** @return the valid routes, in file order */
    List<Route> check(List<RouteConfig> routes) {
        List<Route> result = new ArrayList<>();
        if (routes == null) {
            problems.add("routes", "is required (it may be an empty list)");
            return result;
        }
        for (int i = 0; i < routes.size(); i++) {
            Route route = route(ConfigProblems.element("routes", i), routes.get(i));
            if (route != null) {
                result.add(route);
            }
        }
        return result;
    }

    /** @return the route, or null when it has a problem */
    private Route route(String path, RouteConfig route) {
        int before = problems.count();
        if (problems.required(path + ".id", route.id()) && !ids.add(route.id())) {
            problems.add(path + ".id", "duplicate route id '" + route.id() + "'");
        }
        RoutePath routePath = routePath(path + ".path", route.path());
        Set<String> methods = methods(path + ".methods", route.methods());
        Optional<Aggregation> aggregate = Optional.empty();
        if (route.aggregate() == null) {
            service(path + ".service", route.service());
        } else {
            aggregate = Optional.ofNullable(aggregate(path, route));
            methods = aggregateMethods(path + ".methods", methods);
        }
        AuthMode mode = auth.routeMode(path + ".auth", route.auth());
        problems.notBlank(path + ".roles", route.roles());
        if (route.roles() != null && !route.roles().isEmpty() && mode == AuthMode.NONE) {
            problems.add(path + ".roles", "needs an authenticated route; \"auth\" is \"none\"");
        }
        rateLimits.references(path + ".rate_limits", route.rateLimits());
        RequestTransform requestTransform = transforms.request(path + ".request_transform", route.requestTransform());
        ResponseTransform responseTransform = transforms.response(path + ".response_transform", route.responseTransform());
        if (problems.count() > before) {
            return null;
        }
        return new Route(route.id(), routePath, methods, route.service(),
                Boolean.TRUE.equals(route.stripPath()), Boolean.TRUE.equals(route.preserveHost()), mode,
                Objects.requireNonNullElse(route.roles(), List.of()),
                Objects.requireNonNullElse(route.rateLimits(), defaultRateLimits), requestTransform, responseTransform, aggregate);
    }

    private void service(String path, String service) {
        if (service == null || service.isBlank()) {
            problems.add(path, "is required (or \"aggregate\" instead)");
        } else if (!services.contains(service)) {
            problems.add(path, "unknown service '" + service + "'");
        }
    }

    /** The fields that shape a forwarded request mean nothing to a route that forwards none. */
    private Aggregation aggregate(String path, RouteConfig route) {
        if (route.service() != null) {
            problems.add(path + ".service", "cannot be set with \"aggregate\": a route either forwards to a service or aggregates calls");
        }
        if (route.stripPath() != null) {
            problems.add(path + ".strip_path", "does not apply to an aggregate route");
        }
        if (route.preserveHost() != null) {
            problems.add(path + ".preserve_host", "does not apply to an aggregate route");
        }
        if (route.requestTransform() != null) {
            problems.add(path + ".request_transform", "does not apply to an aggregate route");
        }
        if (route.responseTransform() != null) {
            problems.add(path + ".response_transform", "does not apply to an aggregate route");
        }
        return aggregations.check(path + ".aggregate", route.aggregate());
    }

    /** Aggregate calls are GETs that read; the route answers GET and HEAD, and only those when not told. */
    private Set<String> aggregateMethods(String path, Set<String> methods) {
        if (methods.isEmpty()) {
            return AGGREGATE_METHODS;
        }
        if (!AGGREGATE_METHODS.containsAll(methods)) {
            problems.add(path, "an aggregate route answers only GET and HEAD");
        }
        return methods;
    }

    /** @return the parsed path, or null when it is missing or invalid */
    private RoutePath routePath(String path, String text) {
        if (!problems.required(path, text)) {
            return null;
        }
        try {
            RoutePath routePath = RoutePath.parse(text);
            if ((routePath.base() + "/").startsWith(RoutePath.RESERVED_PREFIX)) {
                problems.add(path, "'" + text + "' is under " + RoutePath.RESERVED_PREFIX
                        + ", which is reserved for the gateway's own endpoints");
            }
            return routePath;
        } catch (IllegalArgumentException e) {
            problems.add(path, "'" + text + "' " + e.getMessage());
            return null;
        }
    }

    private Set<String> methods(String path, List<String> methods) {
        Set<String> result = new LinkedHashSet<>();
        if (methods == null) {
            return result;
        }
        if (methods.isEmpty()) {
            problems.add(path, "must list at least one method, or be left out to allow all");
        }
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            String at = ConfigProblems.element(path, i);
            if (!ConfigProblems.TOKEN.matcher(method).matches()) {
                problems.add(at, "'" + method + "' is not an HTTP method");
            } else if (!method.equals(method.toUpperCase())) {
                problems.add(at, "methods are case-sensitive: write '" + method.toUpperCase() + "'");
            } else if (!result.add(method)) {
                problems.add(at, "'" + method + "' is listed twice");
            }
        }
        return result;
    }
}
