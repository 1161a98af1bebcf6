package io.github.apigateway.config;

import io.github.apigateway.http.Cidr;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checks a bound config must pass before a gateway starts with it. Every problem is collected with
 * its JSON path, so an operator fixes the file in one round.
 */
final class ConfigValidator {

    /** RFC 9110 section 5.6.2: the characters of a header name or a method. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> RATE_LIMIT_SOURCES = Set.of("ip_address", "user", "client", "header", "route");
    private static final Set<String> RATE_LIMIT_FAILURE_MODES = Set.of("open", "closed");
    private static final Set<String> SSL_REQUIRED = Set.of("all", "external", "none");

    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    static ValidatedConfig validate(String source, GatewayConfig config) {
        ConfigValidator validator = new ConfigValidator();
        ValidatedConfig validated = validator.check(source, config);
        if (!validator.problems.isEmpty()) {
            throw new ConfigException(source, validator.problems);
        }
        return validated;
    }

    private ValidatedConfig check(String source, GatewayConfig config) {
        Map<String, ServiceDefinition> services = services(config.services());
        Set<String> rateLimitIds = rateLimits(config.rateLimits());
        auth(config.auth());
        List<Route> routes = routes(config.routes(), services.keySet(), rateLimitIds, config.auth(),
                orEmpty(config.defaultRateLimits()));
        rateLimitReferences("default_rate_limits", config.defaultRateLimits(), rateLimitIds);
        oneOf("rate_limit_failure", config.rateLimitFailure(), RATE_LIMIT_FAILURE_MODES);
        Duration rateLimitTimeout = positiveMillis("rate_limit_timeout_ms", config.rateLimitTimeoutMs(),
                ValidatedConfig.DEFAULT_RATE_LIMIT_TIMEOUT);
        trustedProxies(config.trustedProxies());
        if (!problems.isEmpty()) {
            return null;
        }
        Optional<TokenSettings> tokens = tokenSettings(config.auth());
        Optional<BrowserSettings> browser = tokens.map(settings -> BrowserSettings.forRealm(settings,
                config.auth().keycloak().credentials() == null ? null : config.auth().keycloak().credentials().secret()));
        return new ValidatedConfig(source, routes, services, tokens, apiKeySettings(config.auth()), browser,
                rateLimitsById(config), orEmpty(config.trustedProxies()).stream().map(Cidr::parse).toList(),
                !"closed".equals(config.rateLimitFailure()), rateLimitTimeout);
    }

    private static Map<String, RateLimit> rateLimitsById(GatewayConfig config) {
        Map<String, RateLimit> limits = new HashMap<>();
        for (RateLimitConfig limit : orEmpty(config.rateLimits())) {
            RateLimit.Condition when = limit.when() == null ? null
                    : new RateLimit.Condition(limit.when().header(), limit.when().equalTo());
            limits.put(limit.id(), RateLimit.perMinute(limit.id(), RateLimit.Source.valueOf(limit.source().toUpperCase(Locale.ROOT)),
                    limit.headerName(), when, limit.requestsPerMinute(), limit.burst()));
        }
        return limits;
    }

    private static Optional<TokenSettings> tokenSettings(AuthConfig auth) {
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

    private static Optional<ApiKeySettings> apiKeySettings(AuthConfig auth) {
        if (auth == null || auth.apiKeys() == null) {
            return Optional.empty();
        }
        List<ApiKeySettings.ApiKey> keys = auth.apiKeys().keys().stream()
                .map(key -> new ApiKeySettings.ApiKey(key.id(), HexFormat.of().parseHex(key.sha256()), orEmpty(key.roles())))
                .toList();
        return Optional.of(new ApiKeySettings(auth.apiKeys().header(), keys));
    }

    private Map<String, ServiceDefinition> services(Map<String, ServiceConfig> services) {
        Map<String, ServiceDefinition> definitions = new LinkedHashMap<>();
        if (services == null || services.isEmpty()) {
            problem("services", "at least one service is required");
            return definitions;
        }
        services.forEach((name, service) -> {
            String path = "services." + name;
            if (service == null) {
                problem(path, "must be an object");
                return;
            }
            List<URI> instances = instances(path + ".instances", service.instances());
            Duration connect = positiveMillis(path + ".connect_timeout_ms", service.connectTimeoutMs(),
                    ServiceDefinition.DEFAULT_CONNECT_TIMEOUT);
            Duration response = positiveMillis(path + ".response_timeout_ms", service.responseTimeoutMs(),
                    ServiceDefinition.DEFAULT_RESPONSE_TIMEOUT);
            definitions.put(name, new ServiceDefinition(name, instances, connect, response));
        });
        return definitions;
    }

    private List<URI> instances(String path, List<String> urls) {
        List<URI> instances = new ArrayList<>();
        if (urls == null || urls.isEmpty()) {
            problem(path, "at least one instance URL is required");
            return instances;
        }
        for (int i = 0; i < urls.size(); i++) {
            String reason = instanceProblem(urls.get(i));
            if (reason != null) {
                problem(path + "[" + i + "]", reason);
            } else {
                instances.add(URI.create(urls.get(i)));
            }
        }
        return instances;
    }

    private static String instanceProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a valid URL: " + e.getReason();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return "'" + url + "' must be an http:// or https:// URL";
        }
        if (uri.getHost() == null) {
            return "'" + url + "' must name a host (and a port from 1 to 65535, if any)";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            return "'" + url + "' must be only scheme://host:port, without user info, path, query or fragment";
        }
        return null;
    }

    private Set<String> rateLimits(List<RateLimitConfig> limits) {
        Set<String> ids = new HashSet<>();
        if (limits == null) {
            return ids;
        }
        for (int i = 0; i < limits.size(); i++) {
            RateLimitConfig limit = limits.get(i);
            String path = "rate_limits[" + i + "]";
            if (required(path + ".id", limit.id()) && !ids.add(limit.id())) {
                problem(path + ".id", "duplicate rate limit id '" + limit.id() + "'");
            }
            if (required(path + ".source", limit.source())) {
                oneOf(path + ".source", limit.source(), RATE_LIMIT_SOURCES);
            }
            boolean bySource = "header".equals(limit.source());
            if (bySource && required(path + ".header_name", limit.headerName())) {
                headerName(path + ".header_name", limit.headerName());
            } else if (!bySource && limit.headerName() != null) {
                problem(path + ".header_name", "only applies to \"source\": \"header\"");
            }
            if (limit.when() != null) {
                if (required(path + ".when.header", limit.when().header())) {
                    headerName(path + ".when.header", limit.when().header());
                }
                required(path + ".when.equals", limit.when().equalTo());
            }
            if (limit.requestsPerMinute() == null) {
                problem(path + ".requests_per_minute", "is required");
            } else {
                positive(path + ".requests_per_minute", limit.requestsPerMinute());
            }
            if (limit.burst() != null) {
                positive(path + ".burst", limit.burst());
            }
        }
        return ids;
    }

    private void auth(AuthConfig auth) {
        if (auth == null) {
            return;
        }
        if (auth.keycloak() != null) {
            keycloak(auth.keycloak());
        }
        if (auth.jwt() != null) {
            JwtConfig jwt = auth.jwt();
            strings("auth.jwt.audiences", jwt.audiences());
            if (jwt.clockSkewSeconds() != null && jwt.clockSkewSeconds() < 0) {
                problem("auth.jwt.clock_skew_seconds", "must not be negative");
            }
        }
        if (auth.apiKeys() != null) {
            apiKeys(auth.apiKeys());
        }
    }

    private void keycloak(KeycloakConfig keycloak) {
        required("auth.keycloak.realm", keycloak.realm());
        required("auth.keycloak.resource", keycloak.resource());
        if (required("auth.keycloak.auth-server-url", keycloak.authServerUrl())) {
            String reason = serverUrlProblem(keycloak.authServerUrl());
            if (reason != null) {
                problem("auth.keycloak.auth-server-url", reason);
            }
        }
        if (keycloak.sslRequired() != null) {
            oneOf("auth.keycloak.ssl-required", keycloak.sslRequired(), SSL_REQUIRED);
        }
        if (keycloak.credentials() != null) {
            required("auth.keycloak.credentials.secret", keycloak.credentials().secret());
        }
    }

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

    private void apiKeys(ApiKeysConfig apiKeys) {
        if (required("auth.api_keys.header", apiKeys.header())) {
            headerName("auth.api_keys.header", apiKeys.header());
        }
        if (apiKeys.keys() == null || apiKeys.keys().isEmpty()) {
            problem("auth.api_keys.keys", "at least one key is required");
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < apiKeys.keys().size(); i++) {
            ApiKeyConfig key = apiKeys.keys().get(i);
            String path = "auth.api_keys.keys[" + i + "]";
            if (required(path + ".id", key.id()) && !ids.add(key.id())) {
                problem(path + ".id", "duplicate API key id '" + key.id() + "'");
            }
            if (required(path + ".sha256", key.sha256())) {
                if (!SHA256_HEX.matcher(key.sha256()).matches()) {
                    problem(path + ".sha256", "must be the SHA-256 of the key as 64 hex digits");
                } else if (!hashes.add(key.sha256().toLowerCase())) {
                    problem(path + ".sha256", "the same key is listed twice");
                }
            }
            strings(path + ".roles", key.roles());
        }
    }

    private List<Route> routes(List<RouteConfig> routes, Set<String> services, Set<String> rateLimitIds, AuthConfig auth,
                               List<String> defaultRateLimits) {
        List<Route> result = new ArrayList<>();
        if (routes == null) {
            problem("routes", "is required (it may be an empty list)");
            return result;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = route("routes[" + i + "]", routes.get(i), ids, services, rateLimitIds, auth, defaultRateLimits);
            if (route != null) {
                result.add(route);
            }
        }
        return result;
    }

    private Route route(String path, RouteConfig route, Set<String> ids, Set<String> services,
                        Set<String> rateLimitIds, AuthConfig authConfig, List<String> defaultRateLimits) {
        int before = problems.size();
        if (required(path + ".id", route.id()) && !ids.add(route.id())) {
            problem(path + ".id", "duplicate route id '" + route.id() + "'");
        }
        RoutePath routePath = null;
        if (required(path + ".path", route.path())) {
            try {
                routePath = RoutePath.parse(route.path());
                if ((routePath.base() + "/").startsWith(RoutePath.RESERVED_PREFIX)) {
                    problem(path + ".path", "'" + route.path() + "' is under " + RoutePath.RESERVED_PREFIX
                            + ", which is reserved for the gateway's own endpoints");
                }
            } catch (IllegalArgumentException e) {
                problem(path + ".path", "'" + route.path() + "' " + e.getMessage());
            }
        }
        Set<String> methods = methods(path + ".methods", route.methods());
        if (required(path + ".service", route.service()) && !services.contains(route.service())) {
            problem(path + ".service", "unknown service '" + route.service() + "'");
        }
        AuthMode auth = authMode(path + ".auth", route.auth(), authConfig);
        strings(path + ".roles", route.roles());
        if (route.roles() != null && !route.roles().isEmpty() && auth == AuthMode.NONE) {
            problem(path + ".roles", "needs an authenticated route; \"auth\" is \"none\"");
        }
        rateLimitReferences(path + ".rate_limits", route.rateLimits(), rateLimitIds);
        if (problems.size() > before) {
            return null;
        }
        return new Route(route.id(), routePath, methods, route.service(),
                Boolean.TRUE.equals(route.stripPath()), Boolean.TRUE.equals(route.preserveHost()), auth,
                orEmpty(route.roles()), route.rateLimits() != null ? route.rateLimits() : defaultRateLimits);
    }

    private Set<String> methods(String path, List<String> methods) {
        Set<String> result = new LinkedHashSet<>();
        if (methods == null) {
            return result;
        }
        if (methods.isEmpty()) {
            problem(path, "must list at least one method, or be left out to allow all");
        }
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            if (!TOKEN.matcher(method).matches()) {
                problem(path + "[" + i + "]", "'" + method + "' is not an HTTP method");
            } else if (!method.equals(method.toUpperCase())) {
                problem(path + "[" + i + "]", "methods are case-sensitive: write '" + method.toUpperCase() + "'");
            } else if (!result.add(method)) {
                problem(path + "[" + i + "]", "'" + method + "' is listed twice");
            }
        }
        return result;
    }

    private AuthMode authMode(String path, String name, AuthConfig authConfig) {
        AuthMode mode = name == null ? AuthMode.DEFAULT : AuthMode.fromConfigName(name).orElse(null);
        if (mode == null) {
            problem(path, "'" + name + "' must be one of none, bearer, api_key, any, browser");
            return null;
        }
        boolean keycloak = authConfig != null && authConfig.keycloak() != null;
        boolean apiKeys = authConfig != null && authConfig.apiKeys() != null;
        boolean configured = switch (mode) {
            case NONE -> true;
            case BEARER, BROWSER -> keycloak;
            case API_KEY -> apiKeys;
            case ANY -> keycloak && apiKeys;
        };
        String defaulted = name == null ? " (a route without \"auth\" needs a bearer token)" : "";
        if (!configured) {
            problem(path, "'" + mode.configName() + "' authentication needs "
                    + (mode == AuthMode.API_KEY ? "auth.api_keys" : mode == AuthMode.ANY ? "auth.keycloak and auth.api_keys" : "auth.keycloak")
                    + ", which the config does not set" + defaulted);
        }
        return mode;
    }

    private void rateLimitReferences(String path, List<String> references, Set<String> rateLimitIds) {
        if (references == null) {
            return;
        }
        for (int i = 0; i < references.size(); i++) {
            if (!rateLimitIds.contains(references.get(i))) {
                problem(path + "[" + i + "]", "unknown rate limit id '" + references.get(i) + "'");
            }
        }
    }

    private void trustedProxies(List<String> proxies) {
        if (proxies == null) {
            return;
        }
        for (int i = 0; i < proxies.size(); i++) {
            try {
                Cidr.parse(proxies.get(i));
            } catch (IllegalArgumentException e) {
                problem("trusted_proxies[" + i + "]", "'" + proxies.get(i) + "' " + e.getMessage());
            }
        }
    }

    private void headerName(String path, String name) {
        if (!TOKEN.matcher(name).matches()) {
            problem(path, "'" + name + "' is not a valid header name");
        }
    }

    private void strings(String path, List<String> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) {
                problem(path + "[" + i + "]", "must not be blank");
            }
        }
    }

    private void oneOf(String path, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problem(path, "'" + value + "' must be one of " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    private boolean required(String path, String value) {
        if (value == null || value.isBlank()) {
            problem(path, "is required");
            return false;
        }
        return true;
    }

    private void positive(String path, long value) {
        if (value <= 0) {
            problem(path, "must be greater than 0");
        }
    }

    private Duration positiveMillis(String path, Long value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        positive(path, value);
        return Duration.ofMillis(Math.max(1, value));
    }

    private void problem(String path, String reason) {
        problems.add(new ConfigProblem(path, reason));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
