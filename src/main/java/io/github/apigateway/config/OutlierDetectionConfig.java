package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record OutlierDetectionConfig(
        @JsonbProperty("consecutive_failures") Integer consecutiveFailures,
        @JsonbProperty("base_ejection_ms") Long baseEjectionMs,
        @JsonbProperty("max_ejection_percent") Integer maxEjectionPercent) {
}
