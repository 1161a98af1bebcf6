package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.config.ServiceInstance;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.function.Resolver;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The connection settings of each instance in the pool all services share: the service's connect
 * timeout, and its response timeout as the socket timeout until a request sets its own. The pool keys
 * them by instance, so an instance that several services name gets the longest of their timeouts: a
 * shorter one would cut off a service that asked for more patience. A newer config replaces them; a
 * connection already open keeps the settings it was opened with. Thread-safe: the map is immutable and
 * published through a volatile field.
 */
final class InstanceConnectionConfigs implements Resolver<HttpRoute, ConnectionConfig> {

    private volatile Map<HttpHost, ConnectionConfig> byInstance = Map.of();

    static InstanceConnectionConfigs of(Collection<ServiceDefinition> services) {
        InstanceConnectionConfigs configs = new InstanceConnectionConfigs();
        configs.configure(services);
        return configs;
    }

    /** Replaces the settings with a newer config's. */
    void configure(Collection<ServiceDefinition> services) {
        byInstance = Map.copyOf(byInstance(services));
    }

    private static Map<HttpHost, ConnectionConfig> byInstance(Collection<ServiceDefinition> services) {
        Map<HttpHost, Duration> connectTimeouts = new HashMap<>();
        Map<HttpHost, Duration> socketTimeouts = new HashMap<>();
        for (ServiceDefinition service : services) {
            for (ServiceInstance instance : service.instances()) {
                HttpHost host = normalized(HttpHost.create(instance.url()));
                connectTimeouts.merge(host, service.connectTimeout(), InstanceConnectionConfigs::longer);
                socketTimeouts.merge(host, service.responseTimeout(), InstanceConnectionConfigs::longer);
            }
        }
        Map<HttpHost, ConnectionConfig> configs = new HashMap<>();
        connectTimeouts.forEach((host, connectTimeout) -> configs.put(host, ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(socketTimeouts.get(host)))
                .build()));
        return configs;
    }

    /** The pool's routes name the port even where the config leaves it to the scheme. */
    private static HttpHost normalized(HttpHost host) {
        return RoutingSupport.normalize(host, DefaultSchemePortResolver.INSTANCE);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How many distinct instances the pool connects to. */
    int instanceCount() {
        return byInstance.size();
    }

    /** The HTTP client's defaults for a route to no configured instance, which the proxy never asks for. */
    @Override
    public ConnectionConfig resolve(HttpRoute route) {
        return byInstance.getOrDefault(normalized(route.getTargetHost()), ConnectionConfig.DEFAULT);
    }
}
