package io.github.apigateway.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A browser's completed login, kept server-side in its {@link LoginStateStore}: the browser holds only
 * the session cookie, never a token.
 *
 * @param refreshToken null when Keycloak issued none
 */
record BrowserSession(String accessToken, String refreshToken, String idToken, Instant accessTokenExpiresAt)
        implements LoginState {

    boolean expiresWithin(Duration margin, Instant now) {
        return accessTokenExpiresAt.minus(margin).isBefore(now);
    }
}
