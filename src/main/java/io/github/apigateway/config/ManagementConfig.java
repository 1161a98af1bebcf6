package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;

/** {@code management}: who may read the gateway's own endpoints under {@code /_gateway/}. */
public record ManagementConfig(
        @JsonbProperty("allow_from") List<String> allowFrom,
        @JsonbProperty("admin_roles") List<String> adminRoles) {
}
