package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.cluster.ClusterConfigStore;
import io.github.apigateway.cluster.StoredConfig;
import io.github.apigateway.config.ConfigException;
import io.github.apigateway.config.ConfigLoader;
import io.github.apigateway.config.ConfigSource;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.observability.GatewayMetrics;
import io.github.apigateway.proxy.CircuitState;
import io.github.apigateway.proxy.UpstreamInstance;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.proxy.Upstreams;
import io.github.apigateway.ratelimit.ClientAddress;
import io.github.apigateway.ratelimit.LeasingRateLimiter;
import io.github.apigateway.ratelimit.RateLimitFailures;
import io.github.apigateway.ratelimit.RateLimitGuard;
import io.github.apigateway.ratelimit.RateLimitPolicy;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Meter;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The config this node serves, and its change to a newer one: the newer config's parts are built (reusing
 * the authenticator and each service whose settings did not change, so their keys, ejections and breakers
 * carry over; the rate limiter is shared, so buckets of unchanged limits keep their tokens), then one
 * reference swap makes every new request see all of them at once. The replaced version's unused parts
 * close when its last request ends.
 *
 * <p>Threads: {@link #serve} is synchronized, so versions are built one at a time and only ever move
 * forward ({@link StoredConfig#supersedes}); requests read the current
 * version through an {@link AtomicReference}. The gauges and open authenticators are guarded by this.
 */
final class ActiveConfigs {

    private static final System.Logger LOG = System.getLogger(ActiveConfigs.class.getName());

    private final AtomicReference<ActiveConfig> current = new AtomicReference<>();
    private final Upstreams upstreams;
    private final LeasingRateLimiter limiter;
    private final RateLimitFailures failures;
    private final GatewayMetrics metrics;
    private final ClusterConfigStore store;
    /** Where an authenticator keeps its browser sessions, and the timer of their cluster answers. */
    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService sessionTimer;
    private final Map<UpstreamService, List<Meter>> gauges = new HashMap<>();
    private final Set<Authenticator> openAuthenticators = new HashSet<>();
    /** The last version that failed validation here, logged once rather than at every convergence check. */
    private StoredConfig lastRefused;

    ActiveConfigs(Upstreams upstreams, LeasingRateLimiter limiter, RateLimitFailures failures, GatewayMetrics metrics,
                  ClusterConfigStore store, HazelcastInstance hazelcast, ScheduledExecutorService sessionTimer) {
        this.hazelcast = hazelcast;
        this.sessionTimer = sessionTimer;
        this.upstreams = upstreams;
        this.limiter = limiter;
        this.failures = failures;
        this.metrics = metrics;
        this.store = store;
    }

    /** The version being served now, for a request that starts; it must {@link ActiveConfig#exit} when it ends. */
    ActiveConfig enter() {
        while (true) {
            ActiveConfig active = current.get();
            if (active.enter()) {
                return active;
            }
        }
    }

    /** The version being served now, for reading what it says (status, health). */
    ActiveConfig current() {
        return current.get();
    }

    /** Validates a document as every node does before it serves it. */
    static ValidatedConfig validate(StoredConfig stored) {
        byte[] json = stored.json().getBytes(StandardCharsets.UTF_8);
        return ConfigLoader.load(new ConfigSource("cluster config version " + stored.version() + " (set by "
                + stored.changedBy() + ")", () -> new ByteArrayInputStream(json)));
    }

    /**
     * Serves a version another node set, when it is newer than the one served; a version that does not
     * validate here (a node of another gateway version may read it differently) is logged and not served.
     */
    synchronized void adopt(StoredConfig stored) {
        ActiveConfig active = current.get();
        if (active != null && !stored.supersedes(active.stored())) {
            return;
        }
        try {
            serve(stored, validate(stored));
        } catch (ConfigException refused) {
            if (lastRefused == null || !lastRefused.version().equals(stored.version())) {
                LOG.log(System.Logger.Level.ERROR, "Not serving the cluster's config: " + refused.getMessage());
            }
            lastRefused = stored;
        }
    }

    /** Serves a validated version when it is newer than the one served; returns the version served afterwards. */
    synchronized ActiveConfig serve(StoredConfig stored, ValidatedConfig config) {
        ActiveConfig previous = current.get();
        if (previous != null && !stored.supersedes(previous.stored())) {
            return previous;
        }
        Authenticator authenticator = previous != null && sameAuthentication(previous.config(), config)
                ? previous.authenticator()
                : started(config);
        Map<String, UpstreamService> services = upstreams.configure(config.services().values());
        showGauges(services);
        metrics.adopt(config.routes().stream().map(Route::id).toList(), instanceUrls(config), config.rateLimits().keySet());
        limiter.deadline(config.rateLimitTimeout().toNanos());
        ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
        RateLimitGuard rateLimits = new RateLimitGuard(new RateLimitPolicy(config.rateLimits(), clientAddress), limiter,
                failures, config.rateLimitFailOpen(), metrics.rateLimits());
        ActiveConfig next = new ActiveConfig(stored, config, authenticator, services, rateLimits, clientAddress);
        current.set(next);
        store.announceServed(next.version());
        if (previous != null) {
            previous.replaced(previous.authenticator() == authenticator ? () -> { } : () -> close(previous.authenticator()));
            LOG.log(System.Logger.Level.INFO, "Serving config version " + stored.version() + " (set by "
                    + stored.changedBy() + " at " + stored.changedAt() + ") instead of version " + previous.version()
                    + ": " + config.routes().size() + " routes, " + config.services().size() + " services");
        }
        return next;
    }

    /** The whole {@code auth} section: an authenticator holds the realm's keys and the browser logins of it. */
    private static boolean sameAuthentication(ValidatedConfig served, ValidatedConfig next) {
        return served.tokens().equals(next.tokens()) && served.apiKeys().equals(next.apiKeys())
                && served.browser().equals(next.browser());
    }

    private Authenticator started(ValidatedConfig config) {
        Authenticator authenticator = Authenticator.create(config.tokens(), config.apiKeys(), config.browser(),
                hazelcast, sessionTimer);
        openAuthenticators.add(authenticator);
        return authenticator;
    }

    private synchronized void close(Authenticator authenticator) {
        openAuthenticators.remove(authenticator);
        authenticator.close();
    }

    /** Closes every authenticator still open, the current one's and any whose requests were cut off. */
    synchronized void closeAll() {
        openAuthenticators.forEach(Authenticator::close);
        openAuthenticators.clear();
    }

    /** One gauge set per service object: a replaced service's go, a new one's come. */
    private void showGauges(Map<String, UpstreamService> services) {
        Set<UpstreamService> serving = Set.copyOf(services.values());
        gauges.entrySet().removeIf(shown -> {
            if (serving.contains(shown.getKey())) {
                return false;
            }
            shown.getValue().forEach(metrics::remove);
            return true;
        });
        for (UpstreamService service : serving) {
            gauges.computeIfAbsent(service, this::registerGauges);
        }
    }

    private List<Meter> registerGauges(UpstreamService service) {
        List<Meter> registered = new ArrayList<>();
        for (UpstreamInstance instance : service.instances()) {
            registered.add(metrics.instanceUp(service.name(), instance.toString(), () -> service.takesRequests(instance)));
        }
        for (CircuitState state : CircuitState.values()) {
            registered.add(metrics.circuitBreakerState(service.name(), state.name().toLowerCase(Locale.ROOT),
                    () -> service.circuitState() == state));
        }
        return registered;
    }

    private static Map<String, List<String>> instanceUrls(ValidatedConfig config) {
        return config.services().values().stream().collect(Collectors.toMap(ServiceDefinition::name,
                service -> service.instances().stream().map(instance -> instance.url().toString()).toList()));
    }

    /** Whether {@code next} differs from the config served in a field only a node's start reads. */
    static List<String> startOnlyChanges(ValidatedConfig served, ValidatedConfig next) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(served.observability(), next.observability())) {
            changed.add("observability");
        }
        return changed;
    }
}
