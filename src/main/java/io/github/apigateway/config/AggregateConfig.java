package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;

/** A route's {@code aggregate}: the calls whose JSON answers make up the route's answer. */
public record AggregateConfig(
        @JsonbProperty("timeout_ms") Long timeoutMs,
        @JsonbProperty("max_response_bytes") Long maxResponseBytes,
        List<AggregateCallConfig> calls) {
}
