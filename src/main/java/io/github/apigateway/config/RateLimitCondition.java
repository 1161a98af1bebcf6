package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record RateLimitCondition(String header, @JsonbProperty("equals") String equalTo) {
}
