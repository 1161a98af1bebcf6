package io.github.apigateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway_upstream_request_duration_seconds} (per service, instance and outcome) and
 * {@code gateway_retries_total} (per service), every series made at start from the configured services.
 * Immutable after construction; the meters are thread-safe.
 */
public final class UpstreamMetrics {

    /** The meters of one instance, by outcome. */
    public static final class InstanceMeters {
        private final Timer[] byOutcome;

        private InstanceMeters(MeterRegistry registry, String service, String instance) {
            UpstreamOutcome[] outcomes = UpstreamOutcome.values();
            byOutcome = new Timer[outcomes.length];
            for (UpstreamOutcome outcome : outcomes) {
                byOutcome[outcome.ordinal()] = Timer.builder("gateway.upstream.request.duration")
                        .description("Duration of one try at an upstream instance, until its answer's head or its failure")
                        .tag("service", service).tag("instance", instance).tag("outcome", outcome.label)
                        .serviceLevelObjectives(RouteMeters.BUCKETS)
                        .register(registry);
            }
        }

        /** A try at this instance, starting now. */
        public UpstreamTry startTry() {
            return new UpstreamTry(this, System.nanoTime());
        }

        void record(UpstreamOutcome outcome, long durationNanos) {
            byOutcome[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Map<String, InstanceMeters>> instances = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    /** @param instancesByService each service's instance URLs */
    UpstreamMetrics(MeterRegistry registry, Map<String, List<String>> instancesByService) {
        this.registry = registry;
        adopt(instancesByService);
    }

    /** Makes the meters of services and instances a newer config added. */
    void adopt(Map<String, List<String>> instancesByService) {
        instancesByService.forEach((service, urls) -> {
            Map<String, InstanceMeters> meters = instances.computeIfAbsent(service, name -> new ConcurrentHashMap<>());
            for (String url : urls) {
                meters.computeIfAbsent(url, instance -> new InstanceMeters(registry, service, instance));
            }
            retries.computeIfAbsent(service, name -> Counter.builder("gateway.retries")
                    .description("Tries of a request at another instance after one failed")
                    .tag("service", name).register(registry));
        });
    }

    /** @throws IllegalArgumentException for an instance that was not configured */
    public InstanceMeters instance(String service, String instanceUrl) {
        InstanceMeters meters = instances.getOrDefault(service, Map.of()).get(instanceUrl);
        if (meters == null) {
            throw new IllegalArgumentException("No meters for instance " + instanceUrl + " of service '" + service + "'");
        }
        return meters;
    }

    public void retried(String service) {
        retries.get(service).increment();
    }
}
