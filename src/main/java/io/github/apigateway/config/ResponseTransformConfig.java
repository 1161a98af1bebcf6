package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;
import java.util.Map;

public record ResponseTransformConfig(
        @JsonbProperty("set_headers") Map<String, String> setHeaders,
        @JsonbProperty("remove_headers") List<String> removeHeaders,
        JsonTransformConfig json) {
}
