package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The fields of Keycloak's "Keycloak OIDC JSON" client adapter file, as the admin console exports it,
 * so that an operator can paste that file in unchanged.
 */
public record KeycloakConfig(
        String realm,
        @JsonbProperty("auth-server-url") String authServerUrl,
        String resource,
        KeycloakCredentials credentials,
        @JsonbProperty("ssl-required") String sslRequired,
        @JsonbProperty("public-client") Boolean publicClient,
        @JsonbProperty("confidential-port") Integer confidentialPort,
        @JsonbProperty("bearer-only") Boolean bearerOnly,
        @JsonbProperty("verify-token-audience") Boolean verifyTokenAudience,
        @JsonbProperty("use-resource-role-mappings") Boolean useResourceRoleMappings,
        @JsonbProperty("principal-attribute") String principalAttribute) {
}
