package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.ClusterSessionStore;
import io.github.apigateway.cluster.ClusterMember;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.observability.Observability;
import io.github.apigateway.proxy.UpstreamInstance;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.proxy.CircuitState;
import io.github.apigateway.proxy.ClusterEjections;
import io.github.apigateway.proxy.ProxySerialization;
import io.github.apigateway.proxy.Upstreams;
import io.github.apigateway.ratelimit.ClientAddress;
import io.github.apigateway.ratelimit.ClusterBuckets;
import io.github.apigateway.ratelimit.LeasingRateLimiter;
import io.github.apigateway.ratelimit.RateLimitFailures;
import io.github.apigateway.ratelimit.RateLimitGuard;
import io.github.apigateway.ratelimit.RateLimitPolicy;
import io.github.apigateway.ratelimit.RateLimitSerialization;
import io.github.apigateway.routing.RouteTable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Everything one deployed gateway holds for its lifetime: the validated config, the route table, the
 * authenticator, the upstream services and their HTTP client, the timer of their health checks, the
 * cluster member with the rate limiter and the ejection announcements on it, the requests in flight, and
 * the meters, tracing and access log that observe them. Built once at deployment by {@link #start}; the
 * web layer gets its parts handed in, so nothing looks it up at request time.
 */
public final class Gateway {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final ValidatedConfig config;
    private final RouteTable routeTable;
    private final Authenticator authenticator;
    private final Upstreams upstreams;
    private final ClusterMember cluster;
    private final Observability observability;
    private final ClientAddress clientAddress;
    /** Active health checks, the cluster's ejection announcements, and the browser sessions' cluster answers. */
    private final GatewayTimer resilienceTimer;
    /**
     * The rate limiter's cluster answers, deadlines and lease sweeps; two threads, so that a sweep giving
     * back the tokens of many leases never holds up the answers that waiting requests need.
     */
    private final GatewayTimer rateLimitTimer = new GatewayTimer(2, "gateway-rate-limits");
    private final RateLimitFailures rateLimitFailures = new RateLimitFailures(System::nanoTime);
    private final RateLimitGuard rateLimitGuard;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final Duration drainTimeout;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Gateway(ValidatedConfig config, Authenticator authenticator, Upstreams upstreams,
                    ClusterMember cluster, GatewayTimer resilienceTimer, Observability observability,
                    Duration drainTimeout) {
        this.config = config;
        this.routeTable = new RouteTable(config.routes());
        this.authenticator = authenticator;
        this.upstreams = upstreams;
        this.cluster = cluster;
        this.resilienceTimer = resilienceTimer;
        this.observability = observability;
        this.clientAddress = new ClientAddress(config.trustedProxies());
        this.rateLimitGuard = rateLimitGuard(config, cluster, rateLimitTimer, rateLimitFailures, observability);
        this.drainTimeout = drainTimeout;
        registerGauges();
    }

    /** The gauges read the parts they show when scraped. */
    private void registerGauges() {
        observability.metrics().inFlightRequests(inFlight::count);
        observability.metrics().clusterMembers(cluster::memberCount);
        for (UpstreamService service : upstreams.services()) {
            for (UpstreamInstance instance : service.instances()) {
                observability.metrics().instanceUp(service.name(), instance.toString(), () -> service.takesRequests(instance));
            }
            for (CircuitState state : CircuitState.values()) {
                observability.metrics().circuitBreakerState(service.name(), state.name().toLowerCase(Locale.ROOT),
                        () -> service.circuitState() == state);
            }
        }
    }

    private static RateLimitGuard rateLimitGuard(ValidatedConfig config, ClusterMember cluster, GatewayTimer timer,
                                                 RateLimitFailures failures, Observability observability) {
        LeasingRateLimiter limiter = new LeasingRateLimiter(
                new ClusterBuckets(cluster.hazelcast(), timer), System::nanoTime,
                config.rateLimitTimeout().toNanos());
        timer.scheduleWithFixedDelay(limiter::sweep, LeasingRateLimiter.SWEEP_MILLIS, LeasingRateLimiter.SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        return new RateLimitGuard(new RateLimitPolicy(config.rateLimits(), new ClientAddress(config.trustedProxies())),
                limiter, failures, config.rateLimitFailOpen(), observability.metrics().rateLimits());
    }

    /**
     * Joins the cluster, starts the upstream HTTP client, the health checks and the cluster's ejection
     * announcements; on failure, whatever started is stopped again.
     */
    public static Gateway start(ValidatedConfig config, Duration drainTimeout) {
        ClusterMember cluster = ClusterMember.start(Map.of(RateLimitSerialization.FACTORY_ID, new RateLimitSerialization(),
                        ProxySerialization.FACTORY_ID, new ProxySerialization()),
                ClusterSessionStore.serializers(),
                List.of(ClusterBuckets.mapConfig(), ClusterSessionStore.mapConfig(config.browser().orElse(null))));
        GatewayTimer resilienceTimer = new GatewayTimer(1, "gateway-resilience");
        Observability observability = null;
        try {
            observability = startObservability(config);
            Authenticator authenticator = Authenticator.create(config.tokens(), config.apiKeys(), config.browser(),
                    cluster.hazelcast(), resilienceTimer);
            ClusterEjections ejections = ClusterEjections.on(cluster.hazelcast(), resilienceTimer);
            try {
                Upstreams upstreams = Upstreams.start(config.services().values(), ejections);
                ejections.applyTo(upstreams);
                upstreams.startHealthChecks(resilienceTimer);
                return new Gateway(config, authenticator, upstreams, cluster, resilienceTimer, observability, drainTimeout);
            } catch (RuntimeException e) {
                authenticator.close();
                throw e;
            }
        } catch (RuntimeException e) {
            if (observability != null) {
                observability.close();
            }
            resilienceTimer.end();
            cluster.close();
            throw e;
        }
    }

    private static Observability startObservability(ValidatedConfig config) {
        Map<String, List<String>> instances = config.services().values().stream().collect(Collectors.toMap(
                ServiceDefinition::name, service -> service.instances().stream().map(i -> i.url().toString()).toList()));
        return Observability.start(config.routes().stream().map(Route::id).toList(), instances,
                config.rateLimits().keySet(), config.observability().accessLog(), config.observability().tracing(),
                System::getProperty, System::getenv);
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

    public Upstreams upstreams() {
        return upstreams;
    }

    public ClusterMember cluster() {
        return cluster;
    }

    public RateLimitGuard rateLimits() {
        return rateLimitGuard;
    }

    public RateLimitFailures rateLimitFailures() {
        return rateLimitFailures;
    }

    public InFlightRequests inFlight() {
        return inFlight;
    }

    public Observability observability() {
        return observability;
    }

    public ManagementAccess managementAccess() {
        return new ManagementAccess(config.management(), config.tokens().isPresent());
    }

    /** The client's address as the config's trusted proxies let the gateway see it. */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    /**
     * Stops taking requests, lets the ones in flight finish (up to the drain timeout), then closes the
     * upstream connection pool and leaves the cluster, so its partitions move to the other members
     * first. Called by whichever the container runs first on undeploy or shutdown, the proxy servlet's
     * {@code destroy} or the context listener; later calls return at once.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        int inFlightAtStart = inFlight.count();
        int cutOff = inFlight.drain(drainTimeout);
        LOG.log(System.Logger.Level.INFO, "Gateway stopping: " + inFlightAtStart + " requests were in flight, "
                + (cutOff == 0 ? "all finished" : cutOff + " did not finish within " + drainTimeout.toSeconds() + " s and are cut off"));
        try {
            rateLimitTimer.end();
            resilienceTimer.end();
            authenticator.close();
            upstreams.close();
        } finally {
            try {
                cluster.close();
            } finally {
                observability.close();
            }
        }
    }
}
