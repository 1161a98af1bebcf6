package io.github.apigateway.auth;

import java.io.Serializable;
import java.time.Instant;

/**
 * A browser's login, kept server-side in its {@code HttpSession}: the browser holds only the session
 * cookie, never a token. Serializable so that containers that persist sessions keep logins.
 *
 * @param refreshToken null when Keycloak issued none
 */
record BrowserSession(String accessToken, String refreshToken, String idToken, Instant accessTokenExpiresAt)
        implements Serializable {

    static final String ATTRIBUTE = BrowserSession.class.getName();

    boolean expiresWithin(java.time.Duration margin, Instant now) {
        return accessTokenExpiresAt.minus(margin).isBefore(now);
    }
}
