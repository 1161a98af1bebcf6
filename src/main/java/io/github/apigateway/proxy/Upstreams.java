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
 * The services of the config being served and the one HTTP client that reaches their instances, started
 * with the gateway and closed with it. A newer config {@linkplain #configure reconfigures} the services:
 * a service whose definition did not change is kept (its ejections, breaker and budget with it), a changed
 * or new one is built afresh, and the replaced ones stop their health checks. Requests already on a replaced
 * service finish on it: their connections come from the same pool, so nothing is cut.
 *
 * <p>Threads: {@link #configure} runs on one thread at a time (synchronized) and publishes an immutable map
 * through a volatile field; the client, its pool and {@link InstanceConnectionConfigs} are thread-safe.
 */
public final class Upstreams implements AutoCloseable {

    private final InstanceConnectionConfigs connectionConfigs;
    private final PoolingAsyncClientConnectionManager connections;
    private final CloseableHttpAsyncClient client;
    private final EjectionListener ejections;
    /** Null where no health checks run (tests of the proxy alone). */
    private final ScheduledExecutorService healthCheckTimer;
    private volatile Map<String, UpstreamService> services = Map.of();

    private Upstreams(EjectionListener ejections, ScheduledExecutorService healthCheckTimer) {
        this.connectionConfigs = new InstanceConnectionConfigs();
        this.connections = UpstreamHttpClient.connectionPool(connectionConfigs);
        this.client = UpstreamHttpClient.start(connections);
        this.ejections = ejections;
        this.healthCheckTimer = healthCheckTimer;
    }

    /** Services without health checks or ejection announcements, for tests of the proxy alone. */
    public static Upstreams start(Collection<ServiceDefinition> definitions) {
        Upstreams upstreams = new Upstreams(EjectionListener.NONE, null);
        upstreams.configure(definitions);
        return upstreams;
    }

    /**
     * @param ejections        hears of each instance that passive outlier detection ejects
     * @param healthCheckTimer runs the active health checks; they end when it is shut down
     */
    public static Upstreams start(EjectionListener ejections, ScheduledExecutorService healthCheckTimer) {
        return new Upstreams(ejections, healthCheckTimer);
    }

    /** @return the services of this config, by name, to be served from now on */
    public synchronized Map<String, UpstreamService> configure(Collection<ServiceDefinition> definitions) {
        Map<String, UpstreamService> previous = services;
        Map<String, UpstreamService> next = new HashMap<>();
        for (ServiceDefinition definition : definitions) {
            UpstreamService kept = previous.get(definition.name());
            next.put(definition.name(), kept != null && kept.definition().equals(definition) ? kept : started(definition));
        }
        previous.values().stream().filter(service -> next.get(service.name()) != service)
                .forEach(UpstreamService::stopHealthChecks);
        connectionConfigs.configure(definitions);
        connections.setMaxTotal(UpstreamHttpClient.maxTotal(connectionConfigs));
        services = Map.copyOf(next);
        return services;
    }

    private UpstreamService started(ServiceDefinition definition) {
        UpstreamService service = UpstreamService.of(definition, ejections);
        if (healthCheckTimer != null) {
            service.startHealthChecks(client, healthCheckTimer);
        }
        return service;
    }

    public ConnectionPoolStats connectionPoolStats() {
        PoolStats total = connections.getTotalStats();
        return new ConnectionPoolStats(total.getLeased(), total.getPending(), total.getAvailable());
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

    /** The services being served now. */
    public Collection<UpstreamService> services() {
        return services.values();
    }

    /** @throws IllegalStateException for a service the config being served does not have */
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
