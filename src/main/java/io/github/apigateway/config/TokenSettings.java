package io.github.apigateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * How bearer tokens of one Keycloak realm are verified, derived once from {@code auth.keycloak} and
 * {@code auth.jwt}.
 *
 * @param issuer    {@code {auth-server-url}/realms/{realm}}, compared exactly with {@code iss}
 * @param jwksUri   the realm's JWKS endpoint
 * @param realm     shown in {@code WWW-Authenticate}
 * @param clientId  the gateway's own client ({@code resource}), whose client roles count as roles
 * @param audiences {@code aud} or {@code azp} must hold one of them; empty means not checked
 */
public record TokenSettings(String issuer, URI jwksUri, String realm, String clientId, Set<String> audiences,
                            Duration clockSkew) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public TokenSettings {
        audiences = Set.copyOf(audiences);
    }

    public static TokenSettings forRealm(String authServerUrl, String realm, String clientId, Set<String> audiences,
                                         Duration clockSkew) {
        String base = authServerUrl.endsWith("/") ? authServerUrl.substring(0, authServerUrl.length() - 1) : authServerUrl;
        String issuer = base + "/realms/" + realm;
        return new TokenSettings(issuer, URI.create(issuer + "/protocol/openid-connect/certs"), realm, clientId,
                audiences, clockSkew);
    }
}
