package io.github.apigateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * The OIDC client the gateway is for browser logins: Keycloak's endpoints follow from the issuer, so no
 * discovery call is needed at startup; and how long a browser session lasts.
 *
 * @param clientSecret       null for a public client
 * @param publicRoot         {@code auth.browser.public_url} without a trailing {@code /}: the root that Keycloak
 *                           sends browsers back to; null to take it from each request
 * @param sessionIdleTimeout a session unused for this long ends
 * @param sessionMaxAge      a session ends this long after it began, used or not
 */
public record BrowserSettings(String issuer, String clientId, String clientSecret, URI authorizationEndpoint,
                              URI tokenEndpoint, URI endSessionEndpoint, String publicRoot,
                              Duration sessionIdleTimeout, Duration sessionMaxAge) {

    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_SESSION_MAX_AGE = Duration.ofHours(10);

    /** With the default session timeouts. */
    public static BrowserSettings forRealm(TokenSettings tokens, String clientSecret, String publicUrl) {
        String oidc = tokens.issuer() + "/protocol/openid-connect";
        return new BrowserSettings(tokens.issuer(), tokens.clientId(), clientSecret, URI.create(oidc + "/auth"),
                URI.create(oidc + "/token"), URI.create(oidc + "/logout"),
                publicUrl == null ? null : publicUrl.replaceAll("/+$", ""),
                DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_SESSION_MAX_AGE);
    }

    public BrowserSettings withSessionTimeouts(Duration idle, Duration maxAge) {
        return new BrowserSettings(issuer, clientId, clientSecret, authorizationEndpoint, tokenEndpoint,
                endSessionEndpoint, publicRoot, idle, maxAge);
    }
}
