package io.github.apigateway.config;

import java.net.URI;

/**
 * The OIDC client the gateway is for browser logins: Keycloak's endpoints follow from the issuer, so no
 * discovery call is needed at startup.
 *
 * @param clientSecret null for a public client
 * @param publicRoot   {@code auth.browser.public_url} without a trailing {@code /}: the root that Keycloak
 *                     sends browsers back to; null to take it from each request
 */
public record BrowserSettings(String issuer, String clientId, String clientSecret, URI authorizationEndpoint,
                              URI tokenEndpoint, URI endSessionEndpoint, String publicRoot) {

    public static BrowserSettings forRealm(TokenSettings tokens, String clientSecret, String publicUrl) {
        String oidc = tokens.issuer() + "/protocol/openid-connect";
        return new BrowserSettings(tokens.issuer(), tokens.clientId(), clientSecret, URI.create(oidc + "/auth"),
                URI.create(oidc + "/token"), URI.create(oidc + "/logout"),
                publicUrl == null ? null : publicUrl.replaceAll("/+$", ""));
    }
}
