package io.github.apigateway.web;

import io.github.apigateway.auth.Credentials;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;

/** Reads the {@link Credentials} a request presents off its headers and session. */
final class RequestCredentials {

    private RequestCredentials() {
    }

    /** @param apiKeyHeader the configured API key header, null when the config has no API keys */
    static Credentials of(HttpServletRequest request, String apiKeyHeader) {
        return new Credentials(Collections.list(request.getHeaders("Authorization")),
                apiKeyHeader == null ? null : request.getHeader(apiKeyHeader), new HttpSessionLoginStore(request));
    }
}
