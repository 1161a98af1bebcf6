package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;

public record JwtConfig(
        List<String> audiences,
        @JsonbProperty("clock_skew_seconds") Long clockSkewSeconds) {
}
