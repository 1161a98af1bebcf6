package io.github.apigateway.lifecycle;

import io.github.apigateway.aggregate.Aggregator;
import io.github.apigateway.auth.ClusterSessionStore;
import io.github.apigateway.cluster.ClusterConfigStore;
import io.github.apigateway.cluster.ClusterMember;
import io.github.apigateway.cluster.ClusterSerialization;
import io.github.apigateway.cluster.StoredConfig;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.observability.Observability;
import io.github.apigateway.proxy.ClusterEjections;
import io.github.apigateway.proxy.ProxySerialization;
import io.github.apigateway.proxy.Upstreams;
import io.github.apigateway.ratelimit.ClusterBuckets;
import io.github.apigateway.ratelimit.LeasingRateLimiter;
import io.github.apigateway.ratelimit.RateLimitFailures;
import io.github.apigateway.ratelimit.RateLimitSerialization;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything one deployed gateway holds for its lifetime: the cluster member with the active config,
 * the rate limiter and the ejection announcements on it, the upstream services' HTTP client, the timers,
 * the requests in flight, and the meters, tracing and access log that observe them. What a config says
 * (routes, authenticator, services, limits) is in the {@link ActiveConfig} a request enters with; a newer
 * config from the admin API, on any node, replaces it without a restart. Built once at deployment by
 * {@link #start}; the web layer gets its parts handed in, so nothing looks them up by name at request time.
 */
public final class Gateway {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    /** How often a node asks the cluster for its active config, in case it missed a change event. */
    static final Duration CONVERGENCE_CHECK = Duration.ofSeconds(1);
    /** The cluster calls of start and stop; a member that hangs is declared dead well within it. */
    private static final Duration CLUSTER_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Upstreams upstreams;
    private final ClusterMember cluster;
    private final ClusterConfigStore configStore;
    private final Observability observability;
    private final ActiveConfigs configs;
    private final ConfigAdmin admin;
    /** Active health checks, the cluster's ejection announcements, config changes and the browser sessions' cluster answers. */
    private final GatewayTimer resilienceTimer;
    /**
     * The rate limiter's cluster answers, deadlines and lease sweeps; two threads, so that a sweep giving
     * back the tokens of many leases never holds up the answers that waiting requests need.
     */
    private final GatewayTimer rateLimitTimer;
    private final RateLimitFailures rateLimitFailures;
    /** The deadlines of aggregate routes' answers; each only ends an answer, which never blocks. */
    private final GatewayTimer aggregateTimer = new GatewayTimer(1, "gateway-aggregate-deadlines");
    private final Aggregator aggregator;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final Duration drainTimeout;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Gateway(Upstreams upstreams, ClusterMember cluster, ClusterConfigStore configStore, Observability observability,
                    ActiveConfigs configs, GatewayTimer resilienceTimer, GatewayTimer rateLimitTimer,
                    RateLimitFailures rateLimitFailures, Duration drainTimeout) {
        this.upstreams = upstreams;
        this.cluster = cluster;
        this.configStore = configStore;
        this.observability = observability;
        this.configs = configs;
        this.admin = new ConfigAdmin(configs, configStore, resilienceTimer);
        this.resilienceTimer = resilienceTimer;
        this.rateLimitTimer = rateLimitTimer;
        this.rateLimitFailures = rateLimitFailures;
        this.drainTimeout = drainTimeout;
        this.aggregator = new Aggregator(upstreams, observability.metrics().upstreams(), (after, action) -> {
            ScheduledFuture<?> scheduled = aggregateTimer.schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        });
        observability.metrics().inFlightRequests(inFlight::count);
        observability.metrics().clusterMembers(cluster::memberCount);
    }

    /**
     * Joins the cluster and serves its active config, or, when the cluster has none yet, makes this
     * node's file its first version; starts the upstream HTTP client, the health checks, the rate limiter
     * and the cluster's ejection and config announcements. On failure, whatever started is stopped again.
     *
     * @param fileJson the file's document, which {@code fileConfig} was validated from
     * @throws io.github.apigateway.config.ConfigException when the cluster's active config does not validate here
     */
    public static Gateway start(String fileJson, ValidatedConfig fileConfig, Duration drainTimeout) {
        ClusterMember cluster = ClusterMember.start(Map.of(RateLimitSerialization.FACTORY_ID, new RateLimitSerialization(),
                        ProxySerialization.FACTORY_ID, new ProxySerialization(),
                        ClusterSerialization.FACTORY_ID, new ClusterSerialization()),
                ClusterSessionStore.serializers(),
                Stream.of(Stream.of(ClusterBuckets.mapConfig(), ClusterSessionStore.mapConfig(fileConfig.browser().orElse(null))),
                        ClusterConfigStore.mapConfigs().stream()).flatMap(maps -> maps).toList());
        GatewayTimer resilienceTimer = new GatewayTimer(1, "gateway-resilience");
        GatewayTimer rateLimitTimer = new GatewayTimer(2, "gateway-rate-limits");
        Observability observability = null;
        Upstreams upstreams = null;
        ActiveConfigs configs = null;
        try {
            ClusterConfigStore store = ClusterConfigStore.on(cluster.hazelcast());
            StoredConfig active = resilienceTimer.callAndWait(() -> store.activeOrStart(fileJson, fileConfig.source()),
                    CLUSTER_CALL_TIMEOUT);
            ValidatedConfig config = active.json().equals(fileJson) ? fileConfig : ActiveConfigs.validate(active);
            observability = startObservability(config);
            ClusterEjections ejections = ClusterEjections.on(cluster.hazelcast(), resilienceTimer);
            upstreams = Upstreams.start(ejections, resilienceTimer);
            ejections.applyTo(upstreams);
            RateLimitFailures failures = new RateLimitFailures(System::nanoTime);
            configs = new ActiveConfigs(upstreams, rateLimiter(cluster, rateLimitTimer), failures,
                    observability.metrics(), store, cluster.hazelcast(), resilienceTimer);
            configs.serve(active, config);
            Gateway gateway = new Gateway(upstreams, cluster, store, observability, configs, resilienceTimer,
                    rateLimitTimer, failures, drainTimeout);
            gateway.followClusterConfig();
            return gateway;
        } catch (RuntimeException | Error e) {
            if (configs != null) {
                configs.closeAll();
            }
            if (upstreams != null) {
                upstreams.close();
            }
            if (observability != null) {
                observability.close();
            }
            rateLimitTimer.end();
            resilienceTimer.end();
            cluster.close();
            throw e;
        }
    }

    private static LeasingRateLimiter rateLimiter(ClusterMember cluster, GatewayTimer timer) {
        LeasingRateLimiter limiter = new LeasingRateLimiter(new ClusterBuckets(cluster.hazelcast(), timer), System::nanoTime,
                ValidatedConfig.DEFAULT_RATE_LIMIT_TIMEOUT.toNanos());
        timer.scheduleWithFixedDelay(limiter::sweep, LeasingRateLimiter.SWEEP_MILLIS, LeasingRateLimiter.SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        return limiter;
    }

    /**
     * Serves each newer config the cluster stores: at once from the map's change event, and within a
     * second from a periodic check for a node that missed events (cut off for a while). The listener is
     * registered from the timer's thread, as {@link ClusterEjections#applyTo} explains.
     */
    private void followClusterConfig() {
        resilienceTimer.execute(() -> configStore.onChange(admin::adopt));
        resilienceTimer.scheduleWithFixedDelay(() -> untilItWorksAgain(this::checkClusterConfig),
                CONVERGENCE_CHECK.toMillis(), CONVERGENCE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        resilienceTimer.scheduleWithFixedDelay(() -> untilItWorksAgain(() -> configStore.announceServed(configs.current().version())),
                ClusterConfigStore.SERVED_REFRESH.toMillis(), ClusterConfigStore.SERVED_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A periodic task that throws is never run again, and a member throws while it rejoins its cluster
     * after being cut off (exactly when the check matters), so a failed run is logged and the next one tries.
     */
    private static void untilItWorksAgain(Runnable periodic) {
        try {
            periodic.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "The cluster's config could not be checked now: " + e);
        }
    }

    private void checkClusterConfig() {
        configStore.active().whenComplete((stored, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "The cluster's config could not be read: " + failure);
            } else if (stored == null) {
                // Every member that held the entry left at once: this node's version becomes the cluster's again.
                configStore.restore(configs.current().stored());
            } else {
                admin.adopt(stored);
            }
        });
    }

    /** The admin status stops showing this node at once, rather than when its claim expires. */
    private void withdrawServedVersion() {
        try {
            resilienceTimer.callAndWait(() -> {
                configStore.withdrawServed();
                return null;
            }, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "This node's served version stays until it expires: " + e);
        }
    }

    private static Observability startObservability(ValidatedConfig config) {
        Map<String, List<String>> instances = config.services().values().stream().collect(Collectors.toMap(
                ServiceDefinition::name, service -> service.instances().stream().map(i -> i.url().toString()).toList()));
        return Observability.start(config.routes().stream().map(Route::id).toList(), instances,
                config.rateLimits().keySet(), config.observability().accessLog(), config.observability().tracing(),
                System::getProperty, System::getenv);
    }

    /** The config being served now, for a request that starts; the request must {@link ActiveConfig#exit} when it ends. */
    public ActiveConfig enter() {
        return configs.enter();
    }

    /** The config being served now, to read, not to serve a request with. */
    public ActiveConfig current() {
        return configs.current();
    }

    public ConfigAdmin admin() {
        return admin;
    }

    public Upstreams upstreams() {
        return upstreams;
    }

    public ClusterMember cluster() {
        return cluster;
    }

    public RateLimitFailures rateLimitFailures() {
        return rateLimitFailures;
    }

    /** Answers the requests of aggregate routes. */
    public Aggregator aggregator() {
        return aggregator;
    }

    public InFlightRequests inFlight() {
        return inFlight;
    }

    public Observability observability() {
        return observability;
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
            withdrawServedVersion();
            rateLimitTimer.end();
            resilienceTimer.end();
            aggregateTimer.end();
            configs.closeAll();
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
