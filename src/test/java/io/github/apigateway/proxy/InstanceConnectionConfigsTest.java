package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstanceConnectionConfigsTest {

    private static ServiceDefinition service(String name, long connectMs, long responseMs, String... instances) {
        return ServiceDefinitions.of(name, Duration.ofMillis(connectMs), Duration.ofMillis(responseMs), instances);
    }

    private static ConnectionConfig forRoute(InstanceConnectionConfigs configs, String scheme, String host, int port) {
        return configs.resolve(new HttpRoute(new HttpHost(scheme, host, port)));
    }

    private static void assertTimeouts(long connectMillis, long socketMillis, ConnectionConfig config) {
        assertEquals(Timeout.ofMilliseconds(connectMillis), config.getConnectTimeout());
        assertEquals(Timeout.ofMilliseconds(socketMillis), config.getSocketTimeout());
    }

    @Test
    void eachInstanceConnectsWithItsServicesTimeouts() {
        InstanceConnectionConfigs configs = InstanceConnectionConfigs.of(List.of(
                service("fast", 200, 1_000, "http://127.0.0.1:9001"),
                service("slow", 5_000, 60_000, "http://127.0.0.1:9002")));
        assertTimeouts(200, 1_000, forRoute(configs, "http", "127.0.0.1", 9001));
        assertTimeouts(5_000, 60_000, forRoute(configs, "http", "127.0.0.1", 9002));
    }

    @Test
    void anInstanceSharedByServicesGetsTheLongestOfTheirTimeouts() {
        InstanceConnectionConfigs configs = InstanceConnectionConfigs.of(List.of(
                service("a", 200, 60_000, "http://127.0.0.1:9001"),
                service("b", 3_000, 1_000, "http://127.0.0.1:9001")));
        assertTimeouts(3_000, 60_000, forRoute(configs, "http", "127.0.0.1", 9001));
        assertEquals(1, configs.instanceCount());
    }

    @Test
    void anInstanceWithoutPortIsFoundUnderItsSchemesDefaultPort() {
        InstanceConnectionConfigs configs = InstanceConnectionConfigs.of(List.of(
                service("web", 700, 1_000, "http://backend.internal")));
        assertEquals(Timeout.ofMilliseconds(700), forRoute(configs, "http", "backend.internal", 80).getConnectTimeout());
    }

    @Test
    void theHostNameMatchesInAnyLetterCase() {
        InstanceConnectionConfigs configs = InstanceConnectionConfigs.of(List.of(
                service("web", 700, 1_000, "http://Backend.Internal:8080")));
        assertEquals(Timeout.ofMilliseconds(700), forRoute(configs, "http", "backend.internal", 8080).getConnectTimeout());
    }

    @Test
    void everyDistinctInstanceIsCountedOnce() {
        InstanceConnectionConfigs configs = InstanceConnectionConfigs.of(List.of(
                service("a", 200, 1_000, "http://127.0.0.1:9001", "http://127.0.0.1:9002"),
                service("b", 200, 1_000, "http://127.0.0.1:9002", "http://127.0.0.1:9003")));
        assertEquals(3, configs.instanceCount());
    }

    @Test
    void aNewerConfigReplacesTheTimeoutsOfEveryInstance() {
        InstanceConnectionConfigs configs = InstanceConnectionConfigs.of(List.of(
                service("a", 200, 1_000, "http://127.0.0.1:9001")));
        configs.configure(List.of(service("a", 900, 4_000, "http://127.0.0.1:9002")));
        assertTimeouts(900, 4_000, forRoute(configs, "http", "127.0.0.1", 9002));
        assertEquals(ConnectionConfig.DEFAULT, forRoute(configs, "http", "127.0.0.1", 9001));
    }
}
