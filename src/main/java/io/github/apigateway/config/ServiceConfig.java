package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;

/** A service as bound from JSON; an instance written as a bare URL string arrives here as {@code {"url": ...}}. */
public record ServiceConfig(
        List<InstanceConfig> instances,
        @JsonbProperty("connect_timeout_ms") Long connectTimeoutMs,
        @JsonbProperty("response_timeout_ms") Long responseTimeoutMs,
        @JsonbProperty("load_balancing") String loadBalancing,
        RetriesConfig retries,
        @JsonbProperty("outlier_detection") OutlierDetectionConfig outlierDetection,
        @JsonbProperty("health_check") HealthCheckConfig healthCheck,
        @JsonbProperty("circuit_breaker") CircuitBreakerConfig circuitBreaker) {
}
