package io.github.apigateway.routing;

import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
import io.github.apigateway.config.AuthMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteMatchTest {

    private static RouteMatch match(String routePath, boolean stripPath, String requestPath) {
        Route route = new Route("r", RoutePath.parse(routePath), Set.of(), "svc", stripPath, false, AuthMode.NONE,
                List.of(), List.of());
        return new RouteMatch(route, requestPath);
    }

    @Test
    void aStrippingPrefixRouteForwardsTheRestAndReportsTheBase() {
        RouteMatch match = match("/api/v1/users/*", true, "/api/v1/users/123");
        assertEquals("/123", match.upstreamPath());
        assertEquals("/api/v1/users", match.strippedPrefix());
    }

    @Test
    void aStrippingPrefixRouteForwardsItsBaseAsTheRoot() {
        RouteMatch match = match("/api/v1/users/*", true, "/api/v1/users");
        assertEquals("/", match.upstreamPath());
        assertEquals("/api/v1/users", match.strippedPrefix());
    }

    @Test
    void aNonStrippingRouteForwardsThePathAsIs() {
        RouteMatch match = match("/api/v1/users/*", false, "/api/v1/users/123");
        assertEquals("/api/v1/users/123", match.upstreamPath());
        assertEquals("", match.strippedPrefix());
    }

    @Test
    void aStrippingExactRouteForwardsTheRootAndReportsTheWholePath() {
        RouteMatch match = match("/login", true, "/login");
        assertEquals("/", match.upstreamPath());
        assertEquals("/login", match.strippedPrefix());
    }

    @Test
    void aNonStrippingExactRouteForwardsThePathAsIs() {
        RouteMatch match = match("/login", false, "/login");
        assertEquals("/login", match.upstreamPath());
        assertEquals("", match.strippedPrefix());
    }

    @Test
    void aStrippingRootWildcardForwardsEverythingAndStripsNothing() {
        RouteMatch match = match("/*", true, "/a/b");
        assertEquals("/a/b", match.upstreamPath());
        assertEquals("", match.strippedPrefix());
    }
}
