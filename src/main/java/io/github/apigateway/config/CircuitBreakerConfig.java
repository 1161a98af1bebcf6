package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record CircuitBreakerConfig(
        @JsonbProperty("failure_rate_percent") Integer failureRatePercent,
        @JsonbProperty("minimum_calls") Integer minimumCalls,
        @JsonbProperty("window_seconds") Integer windowSeconds,
        @JsonbProperty("open_ms") Long openMs,
        @JsonbProperty("half_open_calls") Integer halfOpenCalls) {
}
