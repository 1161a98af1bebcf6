package io.github.apigateway.proxy;

import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
import io.github.apigateway.routing.RouteMatch;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamRequestsTest {

    private static final HttpHost INSTANCE = new HttpHost("http", "127.0.0.1", 9001);

    private static RouteMatch match(String requestPath, boolean stripPath, boolean preserveHost) {
        Route route = new Route("users", RoutePath.parse("/api/users/*"), Set.of(), "users", stripPath, preserveHost,
                AuthMode.NONE, List.of(), List.of());
        return new RouteMatch(route, requestPath);
    }

    private static ClientRequest request(String query) {
        return new ClientRequest("PATCH", "http", "192.0.2.7", "/ctx", query,
                List.of(new BasicHeader("Host", "gateway.example:8080")));
    }

    @Test
    void theMethodAndTheMatchedPathGoToTheInstance() {
        HttpRequest upstream = UpstreamRequests.build(request(null), match("/api/users/7", true, false), INSTANCE, "r");
        assertEquals("PATCH", upstream.getMethod());
        assertEquals("/7", upstream.getPath());
    }

    @Test
    void theQueryFollowsByteForByte() {
        HttpRequest upstream = UpstreamRequests.build(request("a=%2F%20+b&&flag"), match("/api/users/7", true, false),
                INSTANCE, "r");
        assertEquals("/7?a=%2F%20+b&&flag", upstream.getPath());
    }

    @Test
    void theHostIsTheInstances() {
        HttpRequest upstream = UpstreamRequests.build(request(null), match("/api/users/7", true, false), INSTANCE, "r");
        assertEquals("127.0.0.1:9001", upstream.getAuthority().toString());
    }

    @Test
    void aRouteThatPreservesTheHostSendsTheClients() {
        HttpRequest upstream = UpstreamRequests.build(request(null), match("/api/users/7", true, true), INSTANCE, "r");
        assertEquals("gateway.example:8080", upstream.getAuthority().toString());
    }

    @Test
    void theForwardedPrefixIsTheContextPathAndTheStrippedPrefix() {
        HttpRequest upstream = UpstreamRequests.build(request(null), match("/api/users/7", true, false), INSTANCE, "r");
        assertEquals("/ctx/api/users", upstream.getFirstHeader("X-Forwarded-Prefix").getValue());
    }

    @Test
    void theContextPathIsTheForwardedPrefixOfARouteThatDoesNotStrip() {
        HttpRequest upstream = UpstreamRequests.build(request(null), match("/api/users/7", false, false), INSTANCE, "r");
        assertEquals("/api/users/7", upstream.getPath());
        assertEquals("/ctx", upstream.getFirstHeader("X-Forwarded-Prefix").getValue());
    }
}
