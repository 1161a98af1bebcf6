package io.github.apigateway.config;

public record RewritePathConfig(String regex, String replacement) {
}
