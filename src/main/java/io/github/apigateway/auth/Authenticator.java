package io.github.apigateway.auth;

import com.hazelcast.core.HazelcastInstance;
import io.github.apigateway.config.ApiKeySettings;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.config.TokenSettings;
import io.github.apigateway.http.GatewayException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Finds and verifies the credential a route asks for: a bearer token, an API key, either, or a browser
 * login session, from the {@link Credentials} the web layer read off the request.
 * Built once from the config; holds no per-request state. Owns the HTTP client for Keycloak, closed
 * with the gateway.
 */
public final class Authenticator implements AutoCloseable {

    private static final String BEARER_PREFIX = "bearer ";
    private static final String DEFAULT_REALM = "gateway";

    private final BearerTokenVerifier tokens;
    private final ApiKeyVerifier apiKeys;
    private final BrowserLogin browserLogin;
    /** Null without Keycloak. */
    private final KeycloakHttp keycloak;

    Authenticator(BearerTokenVerifier tokens, ApiKeyVerifier apiKeys, BrowserLogin browserLogin, KeycloakHttp keycloak) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.browserLogin = browserLogin;
        this.keycloak = keycloak;
    }

    /**
     * @param hazelcast where browser sessions live
     * @param timer     a thread of the gateway's own for the session store's answers and deadlines
     */
    public static Authenticator create(Optional<TokenSettings> tokenSettings, Optional<ApiKeySettings> apiKeys,
                                       Optional<BrowserSettings> browser, HazelcastInstance hazelcast,
                                       ScheduledExecutorService timer) {
        KeycloakHttp keycloak = tokenSettings.isPresent() ? KeycloakHttp.start() : null;
        BearerTokenVerifier tokens = tokenSettings.map(settings -> BearerTokenVerifier.forRealm(settings, keycloak)).orElse(null);
        return new Authenticator(tokens, apiKeys.map(ApiKeyVerifier::new).orElse(null),
                browser.map(settings -> browserLogin(settings, tokens, keycloak, hazelcast, timer)).orElse(null),
                keycloak);
    }

    private static BrowserLogin browserLogin(BrowserSettings settings, BearerTokenVerifier tokens, KeycloakHttp keycloak,
                                             HazelcastInstance hazelcast, ScheduledExecutorService timer) {
        TokenEndpoint tokenEndpoint = new TokenEndpoint(settings, keycloak);
        SessionStore sessions = new ClusterSessionStore(hazelcast, SessionTimeouts.of(settings), timer);
        return new BrowserLogin(settings, tokens, tokenEndpoint, sessions, new SessionRefresh(sessions, tokenEndpoint, timer));
    }

    /** Ends the calls to Keycloak; for the gateway's stop. */
    @Override
    public void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** The browser login, or null when the config has no Keycloak. */
    public BrowserLogin browserLogin() {
        return browserLogin;
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
    public Identity authenticate(AuthMode mode, Credentials credentials) {
        return switch (mode) {
            case NONE -> null;
            case BEARER -> bearer(credentials).orElseThrow(() -> missing("A bearer token is required."));
            case API_KEY -> apiKey(credentials).orElseThrow(() -> missing("An API key is required."));
            case ANY -> bearer(credentials).or(() -> apiKey(credentials))
                    .orElseThrow(() -> missing("A bearer token or an API key is required."));
            case BROWSER -> Optional.ofNullable(browserLogin.currentIdentity(credentials.login()))
                    .orElseThrow(() -> missing("A login is required."));
        };
    }

    private Optional<Identity> bearer(Credentials credentials) {
        List<String> values = credentials.authorization();
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

    private Optional<Identity> apiKey(Credentials credentials) {
        String key = credentials.apiKey();
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(apiKeys.verify(key).orElseThrow(() -> Challenges.invalidToken(realm(), "The API key is not valid")));
    }

    private GatewayException missing(String message) {
        return Challenges.missingCredential(realm(), message);
    }

    public GatewayException forbidden() {
        return Challenges.insufficientRole(realm());
    }
}
