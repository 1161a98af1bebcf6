package io.github.apigateway.web;

import io.github.apigateway.auth.Credentials;
import io.github.apigateway.auth.LoginState;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;

/** Reads the {@link Credentials} a request presents off its headers, with its browser session as loaded. */
final class RequestCredentials {

    private RequestCredentials() {
    }

    /**
     * @param apiKeyHeader the configured API key header, null when the config has no API keys
     * @param login        the browser session's login state, null without one
     */
    static Credentials of(HttpServletRequest request, String apiKeyHeader, LoginState login) {
        return new Credentials(Collections.list(request.getHeaders("Authorization")),
                apiKeyHeader == null ? null : request.getHeader(apiKeyHeader), login);
    }
}
