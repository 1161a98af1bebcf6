package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record AuthConfig(
        KeycloakConfig keycloak,
        JwtConfig jwt,
        @JsonbProperty("api_keys") ApiKeysConfig apiKeys,
        BrowserConfig browser) {
}
