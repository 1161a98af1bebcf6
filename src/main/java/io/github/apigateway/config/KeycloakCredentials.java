package io.github.apigateway.config;

public record KeycloakCredentials(String secret) {
}
