package io.github.apigateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@code auth} and the auth mode each route names against it, and derives from a valid {@code auth}
 * the settings the verifiers read.
 */
final class AuthValidator {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> SSL_REQUIRED = Set.of("all", "external", "none");

    private final ConfigProblems problems;
    private final AuthConfig auth;

    /** @param auth null when the config has no {@code auth} */
    AuthValidator(ConfigProblems problems, AuthConfig auth) {
        this.problems = problems;
        this.auth = auth;
    }

    void check() {
        if (auth == null) {
            return;
        }
        if (auth.keycloak() != null) {
            keycloak(auth.keycloak());
        }
        if (auth.jwt() != null) {
            jwt(auth.jwt());
        }
        if (auth.apiKeys() != null) {
            apiKeys(auth.apiKeys());
        }
        if (auth.browser() != null) {
            browser(auth.browser());
        }
    }

    /** @return the route's mode, or null when the name is not a mode */
    AuthMode routeMode(String path, String name) {
        AuthMode mode = name == null ? AuthMode.DEFAULT : AuthMode.fromConfigName(name).orElse(null);
        if (mode == null) {
            problems.add(path, "'" + name + "' must be one of none, bearer, api_key, any, browser");
            return null;
        }
        boolean keycloak = auth != null && auth.keycloak() != null;
        boolean apiKeys = auth != null && auth.apiKeys() != null;
        boolean configured = switch (mode) {
            case NONE -> true;
            case BEARER, BROWSER -> keycloak;
            case API_KEY -> apiKeys;
            case ANY -> keycloak && apiKeys;
        };
        String defaulted = name == null ? " (a route without \"auth\" needs a bearer token)" : "";
        if (!configured) {
            problems.add(path, "'" + mode.configName() + "' authentication needs "
                    + (mode == AuthMode.API_KEY ? "auth.api_keys" : mode == AuthMode.ANY ? "auth.keycloak and auth.api_keys" : "auth.keycloak")
                    + ", which the config does not set" + defaulted);
        }
        return mode;
    }

    /** How bearer tokens are verified, for an {@code auth} that passed {@link #check}. */
    Optional<TokenSettings> tokenSettings() {
        if (auth == null || auth.keycloak() == null) {
            return Optional.empty();
        }
        KeycloakConfig keycloak = auth.keycloak();
        JwtConfig jwt = auth.jwt();
        Set<String> audiences = new HashSet<>();
        if (jwt != null && jwt.audiences() != null) {
            audiences.addAll(jwt.audiences());
        } else if (Boolean.TRUE.equals(keycloak.verifyTokenAudience())) {
            audiences.add(keycloak.resource());
        }
        Duration skew = jwt != null && jwt.clockSkewSeconds() != null
                ? Duration.ofSeconds(jwt.clockSkewSeconds()) : TokenSettings.DEFAULT_CLOCK_SKEW;
        return Optional.of(TokenSettings.forRealm(keycloak.authServerUrl(), keycloak.realm(), keycloak.resource(),
                audiences, skew));
    }

    /** Browser login is possible wherever bearer tokens are: the client is the same Keycloak client. */
    Optional<BrowserSettings> browserSettings() {
        BrowserConfig browser = auth == null || auth.browser() == null ? new BrowserConfig(null, null, null) : auth.browser();
        return tokenSettings().map(settings -> BrowserSettings.forRealm(settings,
                        auth.keycloak().credentials() == null ? null : auth.keycloak().credentials().secret(),
                        browser.publicUrl())
                .withSessionTimeouts(seconds(browser.sessionIdleTimeoutSeconds(), BrowserSettings.DEFAULT_SESSION_IDLE_TIMEOUT),
                        seconds(browser.sessionMaxAgeSeconds(), BrowserSettings.DEFAULT_SESSION_MAX_AGE)));
    }

    private static Duration seconds(Long seconds, Duration fallback) {
        return seconds == null ? fallback : Duration.ofSeconds(seconds);
    }

    /** The API keys, for an {@code auth} that passed {@link #check}. */
    Optional<ApiKeySettings> apiKeySettings() {
        if (auth == null || auth.apiKeys() == null) {
            return Optional.empty();
        }
        List<ApiKeySettings.ApiKey> keys = auth.apiKeys().keys().stream()
                .map(key -> new ApiKeySettings.ApiKey(key.id(), HexFormat.of().parseHex(key.sha256()),
                        Objects.requireNonNullElse(key.roles(), List.of())))
                .toList();
        return Optional.of(new ApiKeySettings(auth.apiKeys().header(), keys));
    }

    private void keycloak(KeycloakConfig keycloak) {
        problems.required("auth.keycloak.realm", keycloak.realm());
        problems.required("auth.keycloak.resource", keycloak.resource());
        if (problems.required("auth.keycloak.auth-server-url", keycloak.authServerUrl())) {
            String reason = serverUrlProblem(keycloak.authServerUrl());
            if (reason != null) {
                problems.add("auth.keycloak.auth-server-url", reason);
            }
        }
        if (keycloak.sslRequired() != null) {
            problems.oneOf("auth.keycloak.ssl-required", keycloak.sslRequired(), SSL_REQUIRED);
        }
        if (keycloak.credentials() != null) {
            problems.required("auth.keycloak.credentials.secret", keycloak.credentials().secret());
        }
    }

    /** @return why the URL cannot be Keycloak's base URL, or null when it can */
    private static String serverUrlProblem(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a valid URL: " + e.getReason();
        }
        return "'" + url + "' must be an http:// or https:// URL without query or fragment";
    }

    private void browser(BrowserConfig browser) {
        if (auth.keycloak() == null) {
            problems.add("auth.browser", "browser logins need auth.keycloak, which the config does not set");
        }
        if (browser.publicUrl() != null && problems.required("auth.browser.public_url", browser.publicUrl())) {
            String reason = serverUrlProblem(browser.publicUrl());
            if (reason != null) {
                problems.add("auth.browser.public_url", reason);
            }
        }
        sessionTimeouts(browser);
    }

    /** A session may not outlive its own age limit by idling: the idle timeout is at most the maximum age. */
    private void sessionTimeouts(BrowserConfig browser) {
        Long idle = browser.sessionIdleTimeoutSeconds();
        Long maxAge = browser.sessionMaxAgeSeconds();
        if (idle != null) {
            problems.positive("auth.browser.session_idle_timeout_seconds", idle);
        }
        if (maxAge != null) {
            problems.positive("auth.browser.session_max_age_seconds", maxAge);
        }
        long effectiveIdle = idle == null ? BrowserSettings.DEFAULT_SESSION_IDLE_TIMEOUT.toSeconds() : idle;
        long effectiveMaxAge = maxAge == null ? BrowserSettings.DEFAULT_SESSION_MAX_AGE.toSeconds() : maxAge;
        if (effectiveIdle > 0 && effectiveMaxAge > 0 && effectiveIdle > effectiveMaxAge) {
            problems.add(maxAge != null ? "auth.browser.session_max_age_seconds" : "auth.browser.session_idle_timeout_seconds",
                    "session_max_age_seconds (" + effectiveMaxAge + ") must not be shorter than session_idle_timeout_seconds ("
                            + effectiveIdle + ")");
        }
    }

    private void jwt(JwtConfig jwt) {
        problems.notBlank("auth.jwt.audiences", jwt.audiences());
        if (jwt.clockSkewSeconds() != null && jwt.clockSkewSeconds() < 0) {
            problems.add("auth.jwt.clock_skew_seconds", "must not be negative");
        }
    }

    private void apiKeys(ApiKeysConfig apiKeys) {
        if (problems.required("auth.api_keys.header", apiKeys.header())) {
            problems.headerName("auth.api_keys.header", apiKeys.header());
        }
        if (apiKeys.keys() == null || apiKeys.keys().isEmpty()) {
            problems.add("auth.api_keys.keys", "at least one key is required");
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < apiKeys.keys().size(); i++) {
            apiKey(ConfigProblems.element("auth.api_keys.keys", i), apiKeys.keys().get(i), ids, hashes);
        }
    }

    private void apiKey(String path, ApiKeyConfig key, Set<String> ids, Set<String> hashes) {
        if (problems.required(path + ".id", key.id()) && !ids.add(key.id())) {
            problems.add(path + ".id", "duplicate API key id '" + key.id() + "'");
        }
        if (problems.required(path + ".sha256", key.sha256())) {
            if (!SHA256_HEX.matcher(key.sha256()).matches()) {
                problems.add(path + ".sha256", "must be the SHA-256 of the key as 64 hex digits");
            } else if (!hashes.add(key.sha256().toLowerCase())) {
                problems.add(path + ".sha256", "the same key is listed twice");
            }
        }
        problems.notBlank(path + ".roles", key.roles());
    }
}
