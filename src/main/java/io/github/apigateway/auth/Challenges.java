package io.github.apigateway.auth;

import io.github.apigateway.http.GatewayException;

import java.util.Map;

/**
 * The 401 and 403 answers of RFC 6750 section 3: a {@code WWW-Authenticate: Bearer} challenge, with an
 * error code only when a credential was presented, and a description that holds no internal detail.
 */
final class Challenges {

    private Challenges() {
    }

    static GatewayException missingCredential(String realm, String message) {
        return new GatewayException(401, "unauthorized", message,
                Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\""));
    }

    static GatewayException invalidToken(String realm, String description) {
        return new GatewayException(401, "invalid_token", description + ".",
                Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_token\", error_description=\""
                        + description + "\""));
    }

    static GatewayException invalidRequest(String realm, String description) {
        return new GatewayException(400, "invalid_request", description + ".",
                Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_request\", error_description=\""
                        + description + "\""));
    }

    static GatewayException insufficientRole(String realm) {
        return new GatewayException(403, "forbidden", "The caller does not have a role this route requires.",
                Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\", error_description=\""
                        + "The caller does not have a role this route requires\""));
    }
}
