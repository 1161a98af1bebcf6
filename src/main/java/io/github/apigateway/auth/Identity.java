package io.github.apigateway.auth;

import java.util.Set;

/**
 * A verified caller, as later filters (authorization, rate limiting) and the upstream see it.
 *
 * @param subject  the token's {@code sub}, or the API key's id
 * @param username {@code preferred_username}, when the token has one
 * @param clientId {@code azp}, or the API key's id
 * @param tier     the token's {@code tier} claim, when present
 */
public record Identity(String subject, String username, Set<String> roles, String clientId, String tier,
                       Credential credential) {

    public enum Credential { BEARER_TOKEN, API_KEY }

    public Identity {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyRole(Iterable<String> wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
