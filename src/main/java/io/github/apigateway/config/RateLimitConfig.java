package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record RateLimitConfig(
        String id,
        String source,
        @JsonbProperty("header_name") String headerName,
        RateLimitCondition when,
        @JsonbProperty("requests_per_minute") Long requestsPerMinute,
        Long burst) {
}
