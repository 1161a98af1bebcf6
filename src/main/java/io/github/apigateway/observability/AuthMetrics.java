package io.github.apigateway.observability;

import io.github.apigateway.http.GatewayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code gateway_auth_failures_total} by {@code reason}, taken from the error code of the refusal (a fixed
 * set, so the label stays bounded). Immutable after construction; the counters are thread-safe.
 */
public final class AuthMetrics {

    private static final Map<String, String> REASONS = Map.of(
            "unauthorized", "missing_credential",
            "invalid_token", "invalid_token",
            "invalid_request", "invalid_request",
            "forbidden", "insufficient_role",
            "login_failed", "login_failed",
            "service_unavailable", "identity_provider_unavailable",
            "bad_gateway", "identity_provider_unavailable");
    private static final String OTHER = "other";

    private final Map<String, Counter> byReason = new HashMap<>();

    AuthMetrics(MeterRegistry registry) {
        for (String reason : REASONS.values()) {
            byReason.computeIfAbsent(reason, r -> counter(registry, r));
        }
        byReason.put(OTHER, counter(registry, OTHER));
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder("gateway.auth.failures").description("Requests refused by authentication or authorization")
                .tag("reason", reason).register(registry);
    }

    public void failed(GatewayException refusal) {
        byReason.get(REASONS.getOrDefault(refusal.error(), OTHER)).increment();
    }
}
