package io.github.apigateway.auth;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;

import java.time.Duration;
import java.time.Instant;

/**
 * A browser's completed login, kept server-side in its session ({@link StoredSession}): the browser holds
 * only the session cookie, never a token.
 *
 * @param refreshToken null when Keycloak issued none
 */
record BrowserSession(String accessToken, String refreshToken, String idToken, Instant accessTokenExpiresAt)
        implements LoginState {

    /**
     * The login Keycloak's tokens make; a refresh that brings no new refresh or ID token keeps the previous
     * one.
     *
     * @param previous the login refreshed, null for a new login
     */
    static BrowserSession issued(OIDCTokens issued, BrowserSession previous) {
        long lifetime = issued.getAccessToken().getLifetime();
        RefreshToken refresh = issued.getRefreshToken();
        String idToken = issued.getIDTokenString() != null ? issued.getIDTokenString()
                : previous == null ? null : previous.idToken();
        return new BrowserSession(issued.getAccessToken().getValue(),
                refresh != null ? refresh.getValue() : previous == null ? null : previous.refreshToken(),
                idToken, Instant.now().plusSeconds(lifetime > 0 ? lifetime : 60));
    }

    boolean expiresWithin(Duration margin, Instant now) {
        return accessTokenExpiresAt.minus(margin).isBefore(now);
    }
}
