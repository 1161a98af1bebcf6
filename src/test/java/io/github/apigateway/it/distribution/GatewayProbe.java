package io.github.apigateway.it.distribution;

import io.github.apigateway.it.GatewayClient;
import io.github.apigateway.it.RecordingUpstream;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a running container's gateway shows from outside: its health, and which config it loaded. */
final class GatewayProbe {

    /** A route of the config bundled in the WAR (webapp-config/gateway.json) that no test config has. */
    static final String BUNDLED_ROUTE = "/api/v1/users/1";

    private GatewayProbe() {
    }

    /** Starts the container; the gateway in it is up. */
    static void assertStartsHealthy(Distribution distribution) throws Exception {
        try (ContainerProcess running = distribution.start()) {
            assertHealthUp(running);
        }
    }

    /**
     * Starts the container, where the test named a config file written by
     * {@link Distribution#writeConfigFile}; the gateway in it serves that file.
     */
    static void assertStartsWithConfigFile(Distribution distribution, RecordingUpstream upstream, String routePrefix)
            throws Exception {
        try (ContainerProcess running = distribution.start()) {
            assertLoadedConfigWithRoute(running, upstream, routePrefix);
        }
    }

    private static void assertHealthUp(ContainerProcess container) throws Exception {
        HttpResponse<String> health = GatewayClient.get(container.baseUrl(), "/_gateway/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }

    /**
     * The gateway serves the config file whose only route is {@code <routePrefix>/*} (see
     * {@link GatewayConfigFile}): that route reaches the upstream, the bundled config's route is unknown.
     */
    static void assertLoadedConfigWithRoute(ContainerProcess container, RecordingUpstream upstream, String routePrefix)
            throws Exception {
        HttpResponse<String> routed = GatewayClient.get(container.baseUrl(), routePrefix + "/probe?from=test");
        assertEquals(200, routed.statusCode(), "the config file's route " + routePrefix + "/*: " + routed.body());
        assertEquals("ok", routed.body());
        assertEquals("/probe?from=test", upstream.takeRequest().uri(), "what the upstream received");

        HttpResponse<String> bundled = GatewayClient.get(container.baseUrl(), BUNDLED_ROUTE);
        assertEquals(404, bundled.statusCode(), "the bundled config's route is not served: " + bundled.body());
    }
}
