package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;

public record ServiceConfig(
        List<String> instances,
        @JsonbProperty("connect_timeout_ms") Long connectTimeoutMs,
        @JsonbProperty("response_timeout_ms") Long responseTimeoutMs) {
}
