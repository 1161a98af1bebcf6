package io.github.apigateway.routing;

import io.github.apigateway.auth.AuthMode;
import io.github.apigateway.web.GatewayException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTableTest {

    private static Route route(String id, String path, String... methods) {
        return new Route(id, RoutePath.parse(path), Set.of(methods), "svc", false, false, AuthMode.NONE,
                List.of(), List.of());
    }

    private static String matchedId(RouteTable table, String path, String method) {
        return table.match(path, method).route().id();
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
    void aMethodMismatchFallsThroughToALessSpecificRoute() {
        RouteTable table = new RouteTable(List.of(route("api", "/api/*"), route("users", "/api/users/*", "GET")));
        assertEquals("users", matchedId(table, "/api/users/1", "GET"));
        assertEquals("api", matchedId(table, "/api/users/1", "DELETE"));
    }

    @Test
    void aPathWithoutTheMethodIs405WithTheSortedUnionOfMethodsInAllow() {
        RouteTable table = new RouteTable(List.of(
                route("api", "/api/*", "PUT", "GET"),
                route("users", "/api/users/*", "POST", "GET"),
                route("other", "/other/*", "DELETE")));
        GatewayException e = assertThrows(GatewayException.class, () -> table.match("/api/users/1", "PATCH"));
        assertEquals(405, e.status());
        assertEquals(Map.of("Allow", "GET, POST, PUT"), e.headers());
    }

    @Test
    void noMatchingPathIs404() {
        RouteTable table = new RouteTable(List.of(route("api", "/api/*", "GET")));
        GatewayException e = assertThrows(GatewayException.class, () -> table.match("/apix", "GET"));
        assertEquals(404, e.status());
    }
}
