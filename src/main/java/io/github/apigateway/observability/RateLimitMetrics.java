package io.github.apigateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gateway_rate_limit_decisions_total} by {@code limit} id and {@code outcome}, every series made at
 * start from the configured limits. Immutable after construction; the counters are thread-safe.
 */
public final class RateLimitMetrics {

    public enum Outcome {
        ALLOWED, LIMITED, FAILED_OPEN, FAILED_CLOSED;

        private final String label = name().toLowerCase(Locale.ROOT);
    }

    /** For tests and gateways without metrics: counts nothing. */
    public static final RateLimitMetrics NONE = new RateLimitMetrics(null, List.of());

    private final MeterRegistry registry;
    private final Map<String, Counter[]> byLimit = new ConcurrentHashMap<>();

    RateLimitMetrics(MeterRegistry registry, Collection<String> limitIds) {
        this.registry = registry;
        adopt(limitIds);
    }

    /** Makes the counters of limits a newer config added. */
    void adopt(Collection<String> limitIds) {
        for (String id : limitIds) {
            if (byLimit.containsKey(id)) {
                continue;
            }
            Counter[] counters = new Counter[Outcome.values().length];
            for (Outcome outcome : Outcome.values()) {
                counters[outcome.ordinal()] = Counter.builder("gateway.rate_limit.decisions")
                        .description("Rate limit decisions by limit and outcome")
                        .tag("limit", id).tag("outcome", outcome.label).register(registry);
            }
            byLimit.put(id, counters);
        }
    }

    public void record(String limitId, Outcome outcome) {
        Counter[] counters = byLimit.get(limitId);
        if (counters != null) {
            counters[outcome.ordinal()].increment();
        }
    }
}
