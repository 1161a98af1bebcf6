package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record HealthCheckConfig(
        String path,
        @JsonbProperty("interval_ms") Long intervalMs,
        @JsonbProperty("timeout_ms") Long timeoutMs,
        @JsonbProperty("healthy_threshold") Integer healthyThreshold,
        @JsonbProperty("unhealthy_threshold") Integer unhealthyThreshold) {
}
