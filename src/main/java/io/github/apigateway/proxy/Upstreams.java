package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The configured services and the one HTTP client that reaches their instances, started with the
 * gateway and closed with it. Immutable after start; the client and its pool are thread-safe.
 */
public final class Upstreams implements AutoCloseable {

    private final Map<String, UpstreamService> services;
    private final PoolingAsyncClientConnectionManager connections;
    private final CloseableHttpAsyncClient client;

    private Upstreams(Map<String, UpstreamService> services, PoolingAsyncClientConnectionManager connections) {
        this.services = Map.copyOf(services);
        this.connections = connections;
        this.client = UpstreamHttpClient.start(connections);
    }

    public static Upstreams start(Collection<ServiceDefinition> definitions) {
        return start(definitions, EjectionListener.NONE);
    }

    /** @param ejections hears of each instance that passive outlier detection ejects */
    public static Upstreams start(Collection<ServiceDefinition> definitions, EjectionListener ejections) {
        Map<String, UpstreamService> services = new HashMap<>();
        for (ServiceDefinition definition : definitions) {
            services.put(definition.name(), UpstreamService.of(definition, ejections));
        }
        return new Upstreams(services, UpstreamHttpClient.connectionPool(definitions));
    }

    public ConnectionPoolStats connectionPoolStats() {
        PoolStats total = connections.getTotalStats();
        return new ConnectionPoolStats(total.getLeased(), total.getPending(), total.getAvailable());
    }

    /**
     * Starts the active health checks of the services that have them, on the HTTP client all services
     * share; the probes are scheduled on the timer and end when it is shut down.
     */
    public void startHealthChecks(ScheduledExecutorService timer) {
        services.values().forEach(service -> service.startHealthChecks(client, timer));
    }

    /** @return whether an instance was ejected: false for a service or an instance this node does not have */
    boolean applyAnnouncedEjection(String service, URI instance, Duration duration) {
        UpstreamService known = services.get(service);
        return known != null && known.applyAnnouncedEjection(instance, duration);
    }

    /** The names of the services none of whose instances is healthy now, in name order. */
    public List<String> servicesWithoutHealthyInstance() {
        return services.values().stream().filter(service -> !service.hasHealthyInstance())
                .map(UpstreamService::name).sorted().toList();
    }

    public Collection<UpstreamService> services() {
        return services.values();
    }

    public UpstreamService service(String name) {
        UpstreamService service = services.get(name);
        if (service == null) {
            throw new IllegalStateException("No service '" + name + "'; the config validator should have refused the route");
        }
        return service;
    }

    /** @param context from {@link UpstreamService#newContext()} of the instance's service, for its timeouts */
    public <T> Future<T> execute(HttpHost instance, AsyncRequestProducer request, AsyncResponseConsumer<T> response,
                                 HttpClientContext context, FutureCallback<T> callback) {
        return client.execute(instance, request, response, null, context, callback);
    }

    /** Closes the pool's connections once their exchanges end, for at most the HTTP client's grace period. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
