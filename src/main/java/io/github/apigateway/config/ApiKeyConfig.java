package io.github.apigateway.config;

import java.util.List;

/** An API key known only by the SHA-256 of its value, so the config file never holds a usable secret. */
public record ApiKeyConfig(String id, String sha256, List<String> roles) {
}
