package io.github.apigateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks {@code routes}: each route's own fields, and what it refers to (its service, its auth mode, its
 * rate limits), against the parts of the config checked before it.
 */
final class RoutesValidator {

    private final ConfigProblems problems;
    private final Set<String> services;
    private final AuthValidator auth;
    private final RateLimitsValidator rateLimits;
    private final List<String> defaultRateLimits;
    private final TransformValidator transforms;
    private final Set<String> ids = new HashSet<>();

    /** @param defaultRateLimits what a route without {@code rate_limits} takes */
    RoutesValidator(ConfigProblems problems, Set<String> services, AuthValidator auth, RateLimitsValidator rateLimits,
                    List<String> defaultRateLimits) {
        this.problems = problems;
        this.services = services;
        this.auth = auth;
        this.rateLimits = rateLimits;
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
        if (problems.required(path + ".service", route.service()) && !services.contains(route.service())) {
            problems.add(path + ".service", "unknown service '" + route.service() + "'");
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
                Objects.requireNonNullElse(route.rateLimits(), defaultRateLimits), requestTransform, responseTransform);
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
