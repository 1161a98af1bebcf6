package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;

public record RouteConfig(
        String id,
        String path,
        List<String> methods,
        String service,
        @JsonbProperty("strip_path") Boolean stripPath,
        @JsonbProperty("preserve_host") Boolean preserveHost,
        String auth,
        List<String> roles,
        @JsonbProperty("rate_limits") List<String> rateLimits,
        @JsonbProperty("request_transform") RequestTransformConfig requestTransform,
        @JsonbProperty("response_transform") ResponseTransformConfig responseTransform,
        AggregateConfig aggregate) {
}
