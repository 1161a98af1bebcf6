package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.cluster.ConfigVersion;
import io.github.apigateway.cluster.StoredConfig;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.ratelimit.ClientAddress;
import io.github.apigateway.ratelimit.RateLimitGuard;
import io.github.apigateway.routing.RouteTable;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version of the gateway's config, with the parts request-time code reads built from it. A request
 * takes the version that is current when it arrives ({@link Gateway#enter}) and keeps it to its end
 * ({@link #exit}), so a config swapped meanwhile never changes a request half-way. When a newer version
 * replaces this one, the parts the newer one does not reuse (an authenticator with its Keycloak client)
 * are closed once the last request on this version has ended.
 *
 * <p>Threads: immutable, except the count of requests on it: an {@link AtomicInteger} whose sign bit
 * marks it replaced, so that entering after the replacement fails and the count reaching zero after it
 * closes the unused parts exactly once.
 *
 */
public final class ActiveConfig {

    private static final int REPLACED = Integer.MIN_VALUE;

    private final StoredConfig stored;
    private final ValidatedConfig config;
    private final RouteTable routeTable;
    private final Authenticator authenticator;
    private final Map<String, UpstreamService> services;
    private final RateLimitGuard rateLimits;
    private final ClientAddress clientAddress;
    private final ManagementAccess managementAccess;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Runnable closeUnused = () -> { };

    /** @param stored the document as the cluster holds it, with its version */
    ActiveConfig(StoredConfig stored, ValidatedConfig config, Authenticator authenticator,
                 Map<String, UpstreamService> services, RateLimitGuard rateLimits, ClientAddress clientAddress) {
        this.stored = stored;
        this.config = config;
        this.routeTable = new RouteTable(config.routes());
        this.authenticator = authenticator;
        this.services = Map.copyOf(services);
        this.rateLimits = rateLimits;
        this.clientAddress = clientAddress;
        this.managementAccess = new ManagementAccess(config.management(), config.tokens().isPresent());
    }

    /** @return false when a newer version replaced this one: the caller takes the current one instead */
    boolean enter() {
        int current;
        do {
            current = requests.get();
            if (current < 0) {
                return false;
            }
        } while (!requests.compareAndSet(current, current + 1));
        return true;
    }

    /** A request that entered this version has ended. */
    public void exit() {
        if (requests.decrementAndGet() == REPLACED) {
            closeUnused.run();
        }
    }

    /** @param closeUnused closes what the newer version does not reuse; runs once, after the last request here */
    void replaced(Runnable closeUnused) {
        this.closeUnused = closeUnused;
        if (requests.getAndUpdate(count -> count | REPLACED) == 0) {
            closeUnused.run();
        }
    }

    public ConfigVersion version() {
        return stored.version();
    }

    /** The JSON document as it was written, with its version and who set it. */
    public StoredConfig stored() {
        return stored;
    }

    public ValidatedConfig config() {
        return config;
    }

    public RouteTable routeTable() {
        return routeTable;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Map<String, UpstreamService> services() {
        return services;
    }

    /** @throws IllegalStateException for a service the config does not have; the validator refuses such routes */
    public UpstreamService service(String name) {
        UpstreamService service = services.get(name);
        if (service == null) {
            throw new IllegalStateException("No service '" + name + "' in config version " + version());
        }
        return service;
    }

    public RateLimitGuard rateLimits() {
        return rateLimits;
    }

    /** The client's address as this config's trusted proxies let the gateway see it. */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    public ManagementAccess managementAccess() {
        return managementAccess;
    }
}
