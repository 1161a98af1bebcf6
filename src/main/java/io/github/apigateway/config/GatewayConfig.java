package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;
import java.util.Map;

/** The gateway config file as bound from JSON: the shape docs/configuration.md describes, not yet validated. */
public record GatewayConfig(
        Map<String, ServiceConfig> services,
        List<RouteConfig> routes,
        AuthConfig auth,
        @JsonbProperty("rate_limits") List<RateLimitConfig> rateLimits,
        @JsonbProperty("default_rate_limits") List<String> defaultRateLimits,
        @JsonbProperty("rate_limit_failure") String rateLimitFailure,
        @JsonbProperty("rate_limit_timeout_ms") Long rateLimitTimeoutMs,
        @JsonbProperty("trusted_proxies") List<String> trustedProxies,
        ManagementConfig management,
        ObservabilityConfig observability) {
}
