package io.github.apigateway.routing;

import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
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

    private static void assertForwards(RouteMatch match, String upstreamPath, String strippedPrefix) {
        assertEquals(upstreamPath, match.upstreamPath(), "the path forwarded");
        assertEquals(strippedPrefix, match.strippedPrefix(), "the prefix reported as stripped");
    }

    @Test
    void aStrippingPrefixRouteForwardsTheRestAndReportsTheBase() {
        assertForwards(match("/api/v1/users/*", true, "/api/v1/users/123"), "/123", "/api/v1/users");
    }

    @Test
    void aStrippingPrefixRouteForwardsItsBaseAsTheRoot() {
        assertForwards(match("/api/v1/users/*", true, "/api/v1/users"), "/", "/api/v1/users");
    }

    @Test
    void aNonStrippingRouteForwardsThePathAsIs() {
        assertForwards(match("/api/v1/users/*", false, "/api/v1/users/123"), "/api/v1/users/123", "");
    }

    @Test
    void aStrippingExactRouteForwardsTheRootAndReportsTheWholePath() {
        assertForwards(match("/login", true, "/login"), "/", "/login");
    }

    @Test
    void aNonStrippingExactRouteForwardsThePathAsIs() {
        assertForwards(match("/login", false, "/login"), "/login", "");
    }

    @Test
    void aStrippingRootWildcardForwardsEverythingAndStripsNothing() {
        assertForwards(match("/*", true, "/a/b"), "/a/b", "");
    }
}
