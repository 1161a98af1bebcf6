package io.github.apigateway.observability;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * The request duration meters by {@code http_route}: one label value per configured route id, plus two
 * fixed ones, so a scan of ten thousand paths adds no series. Immutable after construction.
 */
public final class HttpServerMetrics {

    /** Requests no route matched (404, 405, 400 for a refused path). */
    public static final String UNMATCHED = "unmatched";
    /** The gateway's own endpoints under {@code /_gateway/}. */
    public static final String GATEWAY = "_gateway";

    private final MeterRegistry registry;
    private final Map<String, RouteMeters> byRoute = new ConcurrentHashMap<>();
    private final RouteMeters unmatched;
    private final RouteMeters gateway;

    HttpServerMetrics(MeterRegistry registry, Collection<String> routeIds) {
        this.registry = registry;
        adopt(routeIds);
        this.unmatched = new RouteMeters(registry, UNMATCHED);
        this.gateway = new RouteMeters(registry, GATEWAY);
    }

    /** Makes the meters of routes a newer config added. */
    void adopt(Collection<String> routeIds) {
        for (String id : routeIds) {
            byRoute.computeIfAbsent(id, route -> new RouteMeters(registry, route));
        }
    }

    /** @return the meters of a configured route, or of {@link #UNMATCHED} for any other id */
    public RouteMeters route(String routeId) {
        return byRoute.getOrDefault(routeId, unmatched);
    }

    public RouteMeters unmatched() {
        return unmatched;
    }

    public RouteMeters gatewayEndpoints() {
        return gateway;
    }
}
