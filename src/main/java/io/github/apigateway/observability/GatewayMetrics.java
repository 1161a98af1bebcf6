package io.github.apigateway.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's meters, in one Prometheus registry of its own (never Micrometer's global one: two
 * gateways in one JVM, or a redeployed one, keep apart), with the JVM's. Gauges read the state they show
 * when scraped, so the request path does nothing for them. Thread-safe: Micrometer's registry is.
 */
public final class GatewayMetrics implements AutoCloseable {

    /** The content type of OpenMetrics 1.0 text, answered to a scraper that asks for it. */
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The content type of Prometheus' text format 0.0.4, the default. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final HttpServerMetrics http;
    private final UpstreamMetrics upstreams;
    private final RateLimitMetrics rateLimits;
    private final AuthMetrics auth;

    /**
     * @param routeIds           the configured routes' ids, the {@code http_route} label values
     * @param instancesByService each service's instance URLs
     * @param limitIds           the configured rate limits' ids
     */
    public GatewayMetrics(Collection<String> routeIds, Map<String, List<String>> instancesByService,
                          Collection<String> limitIds) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        this.http = new HttpServerMetrics(registry, routeIds);
        this.upstreams = new UpstreamMetrics(registry, instancesByService);
        this.rateLimits = new RateLimitMetrics(registry, limitIds);
        this.auth = new AuthMetrics(registry);
    }

    public HttpServerMetrics http() {
        return http;
    }

    public UpstreamMetrics upstreams() {
        return upstreams;
    }

    public RateLimitMetrics rateLimits() {
        return rateLimits;
    }

    public AuthMetrics auth() {
        return auth;
    }

    public void inFlightRequests(IntSupplier count) {
        Gauge.builder("gateway.in_flight_requests", count::getAsInt)
                .description("Requests the gateway is serving now").register(registry);
    }

    public void clusterMembers(IntSupplier count) {
        Gauge.builder("gateway.cluster.members", count::getAsInt)
                .description("Members of the gateway's cluster, as this node sees it").register(registry);
    }

    /** @return the gauge, to be {@linkplain #remove removed} when a newer config replaces the service */
    public Meter instanceUp(String service, String instance, BooleanSupplier up) {
        return Gauge.builder("gateway.upstream.instance.up", () -> up.getAsBoolean() ? 1 : 0)
                .description("1 while the instance takes requests (not ejected, not failing its health checks), else 0")
                .tag("service", service).tag("instance", instance).register(registry);
    }

    /** One series per state of the service's breaker: 1 for the state it is in, 0 for the others. */
    public Meter circuitBreakerState(String service, String state, BooleanSupplier current) {
        return Gauge.builder("gateway.circuit_breaker.state", () -> current.getAsBoolean() ? 1 : 0)
                .description("1 for the state the service's circuit breaker is in (off: the service has none)")
                .tag("service", service).tag("state", state).register(registry);
    }

    /** Stops showing a gauge of a service that a newer config replaced; its replacement registers its own. */
    public void remove(Meter gauge) {
        registry.remove(gauge);
    }

    /**
     * Makes the meters of a newer config's routes, instances and limits; those of the older config stay,
     * so a counter an operator graphs does not vanish and reappear on each change.
     */
    public void adopt(Collection<String> routeIds, Map<String, List<String>> instancesByService,
                      Collection<String> limitIds) {
        http.adopt(routeIds);
        upstreams.adopt(instancesByService);
        rateLimits.adopt(limitIds);
    }

    public void accessLogDropped(LongSupplier count) {
        FunctionCounter.builder("gateway.access_log.dropped", count, LongSupplier::getAsLong)
                .description("Access log lines dropped because the writer fell behind").register(registry);
    }

    /**
     * @param accept the scraper's {@code Accept} header, or null
     * @return OpenMetrics when {@code accept} asks for it, else Prometheus text
     */
    public static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    /** Writes every meter's current value in {@code contentType}, one of {@link #contentType}'s answers. */
    public void scrape(String contentType, OutputStream out) throws IOException {
        registry.scrape(out, contentType);
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
