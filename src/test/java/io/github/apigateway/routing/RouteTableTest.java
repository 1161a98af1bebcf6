package io.github.apigateway.routing;

import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RouteTableTest {

    private static Route route(String id, String path, String... methods) {
        return new Route(id, RoutePath.parse(path), Set.of(methods), "svc", false, false, AuthMode.NONE,
                List.of(), List.of());
    }

    private static String matchedId(RouteTable table, String path, String method) {
        return assertInstanceOf(RouteLookup.Matched.class, table.lookup(path, method)).match().route().id();
    }

    @Test
    void theLongestPathWinsRegardlessOfFileOrder() {
        List<Route> routes = List.of(route("all", "/*"), route("api", "/api/*"), route("users", "/api/users/*"));
        List<Route> reversed = List.of(routes.get(2), routes.get(1), routes.get(0));
        assertEquals("users", matchedId(new RouteTable(routes), "/api/users/1", "GET"));
        assertEquals("users", matchedId(new RouteTable(reversed), "/api/users/1", "GET"));
        assertEquals("api", matchedId(new RouteTable(routes), "/api/orders", "GET"));
        assertEquals("all", matchedId(new RouteTable(routes), "/other", "GET"));
    }

    @Test
    void anExactPathBeatsAPrefixWithTheSameBase() {
        RouteTable table = new RouteTable(List.of(route("prefix", "/login/*"), route("exact", "/login")));
        assertEquals("exact", matchedId(table, "/login", "GET"));
        assertEquals("prefix", matchedId(table, "/login/x", "GET"));
    }

    @Test
    void amongEqualPathsTheFirstInFileOrderWins() {
        RouteTable table = new RouteTable(List.of(route("first", "/api/*"), route("second", "/api/*")));
        assertEquals("first", matchedId(table, "/api/x", "GET"));
    }

    @Test
    void routesOfTheSamePathSplitTheMethodsBetweenThem() {
        RouteTable table = new RouteTable(List.of(route("other", "/abc/*", "POST"), route("read", "/api/*", "GET"),
                route("other2", "/xyz/*"), route("write", "/api/*", "POST")));
        assertEquals("read", matchedId(table, "/api/x", "GET"));
        assertEquals("write", matchedId(table, "/api/x", "POST"));
    }

    @Test
    void aMethodTheMostSpecificPathDoesNotTakeNeverFallsThroughToALessSpecificOne() {
        RouteTable table = new RouteTable(List.of(route("public", "/*"), route("admin", "/admin/*", "GET")));
        assertEquals("admin", matchedId(table, "/admin/x", "GET"));
        RouteLookup lookup = table.lookup("/admin/x", "DELETE");
        assertEquals(new RouteLookup.MethodNotAllowed(List.of("GET")), lookup);
    }

    @Test
    void aPathWithoutTheMethodIs405WithTheSortedMethodsOfItsRoutes() {
        RouteTable table = new RouteTable(List.of(
                route("api", "/api/*", "PUT", "GET"),
                route("users", "/api/users/*", "POST", "GET"),
                route("users-delete", "/api/users/*", "DELETE"),
                route("other", "/other/*", "PATCH")));
        assertEquals(new RouteLookup.MethodNotAllowed(List.of("DELETE", "GET", "POST")),
                table.lookup("/api/users/1", "PATCH"));
    }

    @Test
    void noMatchingPathIsNotFound() {
        RouteTable table = new RouteTable(List.of(route("api", "/api/*", "GET")));
        assertEquals(new RouteLookup.NotFound(), table.lookup("/apix", "GET"));
    }

    @Test
    void aPathThatCannotBeMadeSafeIsRejectedWithTheReason() {
        RouteTable table = new RouteTable(List.of(route("all", "/*")));
        assertEquals(new RouteLookup.Rejected("The request path escapes the root."), table.lookup("/a/../..", "GET"));
        assertInstanceOf(RouteLookup.Rejected.class, table.lookup("/a%2Fb", "GET"));
    }

    @Test
    void theMatchHoldsTheNormalisedPath() {
        RouteTable table = new RouteTable(List.of(route("all", "/*")));
        RouteLookup.Matched matched = assertInstanceOf(RouteLookup.Matched.class, table.lookup("/a/./b//%63", "GET"));
        assertEquals("/a/b/c", matched.match().path());
    }

    @Test
    void theGatewaysOwnPathsAreNeverRouted() {
        RouteTable table = new RouteTable(List.of(route("all", "/*")));
        assertEquals(new RouteLookup.GatewayEndpoint("/_gateway/health"), table.lookup("/x/../_gateway/health", "GET"));
    }
}
