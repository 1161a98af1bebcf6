package io.github.apigateway.it.distribution;

import io.github.apigateway.it.AdminClient;
import io.github.apigateway.it.GatewayClient;
import io.github.apigateway.it.KeycloakServer;
import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway nodes, each a Jetty distribution in a JVM of its own, in one cluster. One is frozen
 * (SIGSTOP) until the other declares it dead, the config is changed on the other meanwhile, and the
 * frozen one, once it continues, finds its way back into the cluster and serves the changed config
 * without anyone telling it: it missed the change event, and its own periodic check brings it the version.
 */
class ConfigConvergenceIT {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    private static String config(String extraRoutes) {
        return AdminClient.configWithAdminApi(UPSTREAM.url(), extraRoutes);
    }

    @Test
    void aNodeCutOffWhileTheConfigChangedServesTheNewVersionAfterItContinues() throws Exception {
        JettyDistribution first = new JettyDistribution("converge-first");
        JettyDistribution second = new JettyDistribution("converge-second", first);
        Path file = Files.writeString(first.workDirectory().resolve("gateway.json"), config(""));
        first.systemProperty("gateway.config", file.toString());
        second.systemProperty("gateway.config", file.toString());
        try (ContainerProcess one = first.start(); ContainerProcess two = second.start()) {
            awaitMembers(one.baseUrl(), 2);
            awaitMembers(two.baseUrl(), 2);

            two.freeze();
            awaitMembers(one.baseUrl(), 1);
            String changed = new AdminClient(one.baseUrl(), KEYCLOAK.passwordToken("carol")).replace(config(
                    "{\"id\": \"added\", \"path\": \"/added/*\", \"service\": \"upstream\", \"auth\": \"none\"},"));
            two.resume();

            awaitServed(two.baseUrl(), changed);
            assertEquals(200, GatewayClient.get(two.baseUrl(), "/added/x").statusCode());
        }
    }

    private static void awaitServed(URL node, String version) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String health = "";
        while (System.nanoTime() < deadline) {
            try {
                health = GatewayClient.get(node, "/_gateway/health").body();
                if (health.contains("\"config_version\":\"" + version + "\"")) {
                    return;
                }
            } catch (java.io.IOException notAnsweringYet) {
                health = notAnsweringYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the node that was cut off does not serve version " + version + ": " + health);
    }

    private static void awaitMembers(URL node, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!GatewayClient.get(node, "/_gateway/health").body().contains("\"members\":" + expected)) {
            assertTrue(System.nanoTime() < deadline, "the nodes did not form a cluster of " + expected);
            Thread.sleep(250);
        }
    }
}
