package io.github.apigateway.auth;

import io.github.apigateway.web.GatewayException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Finds and verifies the credential a route asks for: a bearer token, an API key, or either.
 * Built once from the config; holds no per-request state.
 */
public final class Authenticator {

    private static final String BEARER_PREFIX = "bearer ";
    private static final String DEFAULT_REALM = "gateway";

    private final BearerTokenVerifier tokens;
    private final ApiKeyVerifier apiKeys;

    Authenticator(BearerTokenVerifier tokens, ApiKeyVerifier apiKeys) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
    }

    public static Authenticator create(Optional<TokenSettings> tokens, Optional<ApiKeySettings> apiKeys) {
        return new Authenticator(tokens.map(BearerTokenVerifier::forRealm).orElse(null),
                apiKeys.map(ApiKeyVerifier::new).orElse(null));
    }

    /** The header API keys come in, which the gateway consumes instead of forwarding; null without keys. */
    public String apiKeyHeader() {
        return apiKeys == null ? null : apiKeys.header();
    }

    String realm() {
        return tokens == null ? DEFAULT_REALM : tokens.settings().realm();
    }

    /**
     * @return the verified caller, or null for a public route
     * @throws GatewayException 401 without a valid credential, 400 for a malformed one, 503 when the
     *                          identity provider is needed and cannot be reached
     */
    public Identity authenticate(AuthMode mode, HttpServletRequest request) {
        return switch (mode) {
            case NONE -> null;
            case BEARER -> bearer(request).orElseThrow(() -> missing("A bearer token is required."));
            case API_KEY -> apiKey(request).orElseThrow(() -> missing("An API key is required."));
            case ANY -> bearer(request).or(() -> apiKey(request))
                    .orElseThrow(() -> missing("A bearer token or an API key is required."));
            case BROWSER -> throw new IllegalStateException("browser login is refused by the config validator in this build");
        };
    }

    private Optional<Identity> bearer(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders("Authorization"));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw Challenges.invalidRequest(realm(), "More than one Authorization header");
        }
        String value = values.get(0);
        if (!value.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Optional.empty();
        }
        String token = value.substring(BEARER_PREFIX.length()).trim();
        if (token.isEmpty()) {
            throw Challenges.invalidRequest(realm(), "The bearer token is empty");
        }
        return Optional.of(tokens.verify(token));
    }

    private Optional<Identity> apiKey(HttpServletRequest request) {
        String key = request.getHeader(apiKeys.header());
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(apiKeys.verify(key).orElseThrow(() -> Challenges.invalidToken(realm(), "The API key is not valid")));
    }

    private GatewayException missing(String message) {
        return Challenges.missingCredential(realm(), message);
    }

    GatewayException forbidden() {
        return Challenges.insufficientRole(realm());
    }
}
