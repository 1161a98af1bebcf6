package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;
import java.util.Map;

public record RequestTransformConfig(
        @JsonbProperty("set_headers") Map<String, String> setHeaders,
        @JsonbProperty("remove_headers") List<String> removeHeaders,
        @JsonbProperty("rewrite_path") RewritePathConfig rewritePath,
        @JsonbProperty("set_query") Map<String, String> setQuery) {
}
