package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final String SERVICES = """
            "services": { "users": { "instances": ["http://127.0.0.1:9001"] } }""";

    private static ValidatedConfig load(String json) {
        return ConfigLoader.load(new ConfigSource("test.json",
                () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    private static ConfigProblem onlyProblem(String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(json));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    private static String withRoute(String routeFields) {
        return "{" + SERVICES + ", \"routes\": [ { \"id\": \"r\", \"path\": \"/api/*\", \"service\": \"users\", \"auth\": \"none\""
                + routeFields + " } ] }";
    }

    @Test
    void bindsAValidConfigWithDefaults() {
        ValidatedConfig config = load(withRoute(", \"methods\": [\"GET\"], \"strip_path\": true"));
        Route route = config.routes().get(0);
        assertEquals("r", route.id());
        assertTrue(route.stripPath());
        assertFalse(route.preserveHost());
        assertEquals(Duration.ofMillis(2000), config.services().get("users").connectTimeout());
        assertEquals(Duration.ofMillis(30000), config.services().get("users").responseTimeout());
    }

    @Test
    void acceptsTheFullAuthAndRateLimitSchema() {
        ValidatedConfig config = load("""
                {"services": {"s": {"instances": ["https://127.0.0.1:8443"], "connect_timeout_ms": 100, "response_timeout_ms": 200}},
                 "routes": [{"id": "r", "path": "/login", "service": "s", "auth": "none", "preserve_host": true}],
                 "auth": {
                   "keycloak": {"realm": "demo", "auth-server-url": "http://127.0.0.1:8180", "resource": "gateway",
                                "credentials": {"secret": "s3cret"}, "ssl-required": "external", "public-client": false,
                                "confidential-port": 0, "bearer-only": true, "verify-token-audience": true,
                                "use-resource-role-mappings": true, "principal-attribute": "preferred_username"},
                   "jwt": {"audiences": ["gateway"], "clock_skew_seconds": 30},
                   "api_keys": {"header": "X-API-Key", "keys": [{"id": "job", "sha256": "%s", "roles": ["reports"]}]}
                 },
                 "rate_limits": [
                   {"id": "default_api_limit", "source": "ip_address", "requests_per_minute": 60, "burst": 10},
                   {"id": "premium", "source": "user", "when": {"header": "X-User-Tier", "equals": "premium"}, "requests_per_minute": 500},
                   {"id": "by_header", "source": "header", "header_name": "X-Tenant", "requests_per_minute": 5}
                 ],
                 "rate_limit_failure": "closed",
                 "trusted_proxies": ["10.0.0.0/8", "::1"]}
                """.formatted("a".repeat(64)));
        assertTrue(config.routes().get(0).preserveHost());
        assertEquals(Duration.ofMillis(200), config.services().get("s").responseTimeout());
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn() {
        ConfigProblem problem = onlyProblem("{\n  \"services\": {,\n}");
        assertTrue(problem.reason().contains("line 2"), problem.reason());
        assertTrue(problem.reason().contains("malformed JSON"), problem.reason());
    }

    @Test
    void rejectsAnUnknownFieldByItsPath() {
        assertEquals("routes[0].timeout", onlyProblem(withRoute(", \"timeout\": 5")).path());
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        ConfigProblem problem = onlyProblem(withRoute(", \"strip_path\": \"yes\""));
        assertEquals("routes[0].strip_path", problem.path());
        assertEquals("must be true or false", problem.reason());
    }

    @Test
    void rejectsAFractionalNumberWhereAWholeOneIsNeeded() {
        ConfigProblem problem = onlyProblem("""
                {"services": {"s": {"instances": ["http://127.0.0.1:1"], "connect_timeout_ms": 1.5}}, "routes": []}""");
        assertEquals("services.s.connect_timeout_ms", problem.path());
    }

    @Test
    void rejectsARouteToAnUnknownService() {
        ConfigProblem problem = onlyProblem("{" + SERVICES + ", \"routes\": [{\"id\": \"a\", \"path\": \"/a\", \"service\": \"users\", \"auth\": \"none\"},"
                + "{\"id\": \"b\", \"path\": \"/b\", \"service\": \"orders\", \"auth\": \"none\"}]}");
        assertEquals("routes[1].service", problem.path());
        assertEquals("unknown service 'orders'", problem.reason());
    }

    @Test
    void rejectsDuplicateRouteIds() {
        ConfigProblem problem = onlyProblem("{" + SERVICES + ", \"routes\": [{\"id\": \"a\", \"path\": \"/a\", \"service\": \"users\", \"auth\": \"none\"},"
                + "{\"id\": \"a\", \"path\": \"/b\", \"service\": \"users\", \"auth\": \"none\"}]}");
        assertEquals("routes[1].id", problem.path());
        assertTrue(problem.reason().contains("duplicate route id"));
    }

    @Test
    void rejectsABadInstanceUrl() {
        ConfigProblem problem = onlyProblem("""
                {"services": {"s": {"instances": ["http://127.0.0.1:1", "ftp://127.0.0.1"]}}, "routes": []}""");
        assertEquals("services.s.instances[1]", problem.path());
    }

    @Test
    void rejectsAnInstanceUrlWithAPath() {
        assertEquals("services.s.instances[0]", onlyProblem("""
                {"services": {"s": {"instances": ["http://127.0.0.1:1/base"]}}, "routes": []}""").path());
    }

    @Test
    void rejectsAServiceWithoutInstances() {
        assertEquals("services.s.instances", onlyProblem("""
                {"services": {"s": {"instances": []}}, "routes": []}""").path());
    }

    @Test
    void bindsWeightedInstancesAndTheResilienceSettings() {
        ServiceDefinition service = load("""
                {"services": {"s": {"instances": ["http://127.0.0.1:1", {"url": "http://127.0.0.1:2", "weight": 3}],
                   "load_balancing": "least_request", "retries": {"attempts": 1, "budget_percent": 10},
                   "outlier_detection": {"consecutive_failures": 3, "base_ejection_ms": 1000, "max_ejection_percent": 100}}},
                 "routes": []}""").services().get("s");
        assertEquals(List.of(new ServiceInstance(URI.create("http://127.0.0.1:1"), 1),
                new ServiceInstance(URI.create("http://127.0.0.1:2"), 3)), service.instances());
        assertEquals(LoadBalancing.LEAST_REQUEST, service.loadBalancing());
        assertEquals(new RetrySettings(1, 10), service.retries());
        assertEquals(new OutlierDetectionSettings(3, Duration.ofSeconds(1), 100), service.outlierDetection());
    }

    @Test
    void theResilienceSettingsDefaultToRoundRobinTwoRetriesAndEnvoysOutlierDetection() {
        ServiceDefinition service = load(withRoute("")).services().get("users");
        assertEquals(LoadBalancing.ROUND_ROBIN, service.loadBalancing());
        assertEquals(new RetrySettings(2, 20), service.retries());
        assertEquals(new OutlierDetectionSettings(5, Duration.ofSeconds(30), 50), service.outlierDetection());
    }

    private static String serviceWith(String fields) {
        return "{\"services\": {\"s\": {\"instances\": [\"http://127.0.0.1:1\"], " + fields + "}}, \"routes\": []}";
    }

    @Test
    void rejectsAWeightAboveOneThousand() {
        ConfigProblem problem = onlyProblem("""
                {"services": {"s": {"instances": [{"url": "http://127.0.0.1:1", "weight": 1001}]}}, "routes": []}""");
        assertEquals("services.s.instances[0].weight", problem.path());
        assertEquals("must be from 1 to 1000", problem.reason());
    }

    @Test
    void rejectsAWeightOfZero() {
        assertEquals("services.s.instances[0].weight", onlyProblem("""
                {"services": {"s": {"instances": [{"url": "http://127.0.0.1:1", "weight": 0}]}}, "routes": []}""").path());
    }

    @Test
    void rejectsAnInstanceObjectWithoutUrl() {
        assertEquals("services.s.instances[0].url", onlyProblem("""
                {"services": {"s": {"instances": [{"weight": 2}]}}, "routes": []}""").path());
    }

    @Test
    void rejectsAnUnknownFieldOfAnInstance() {
        assertEquals("services.s.instances[0].host", onlyProblem("""
                {"services": {"s": {"instances": [{"url": "http://127.0.0.1:1", "host": "x"}]}}, "routes": []}""").path());
    }

    @Test
    void rejectsABadUrlInAnInstanceObjectAtTheInstance() {
        assertEquals("services.s.instances[0]", onlyProblem("""
                {"services": {"s": {"instances": [{"url": "ftp://127.0.0.1"}]}}, "routes": []}""").path());
    }

    @Test
    void rejectsAnUnknownLoadBalancingPolicy() {
        ConfigProblem problem = onlyProblem(serviceWith("\"load_balancing\": \"fastest\""));
        assertEquals("services.s.load_balancing", problem.path());
        assertEquals("'fastest' must be one of least_request, random, round_robin", problem.reason());
    }

    @Test
    void rejectsNegativeRetryAttempts() {
        assertEquals("services.s.retries.attempts", onlyProblem(serviceWith("\"retries\": {\"attempts\": -1}")).path());
    }

    @Test
    void rejectsARetryBudgetAboveOneHundredPercent() {
        assertEquals("services.s.retries.budget_percent",
                onlyProblem(serviceWith("\"retries\": {\"budget_percent\": 101}")).path());
    }

    @Test
    void rejectsZeroConsecutiveFailures() {
        assertEquals("services.s.outlier_detection.consecutive_failures",
                onlyProblem(serviceWith("\"outlier_detection\": {\"consecutive_failures\": 0}")).path());
    }

    @Test
    void rejectsANonPositiveBaseEjection() {
        assertEquals("services.s.outlier_detection.base_ejection_ms",
                onlyProblem(serviceWith("\"outlier_detection\": {\"base_ejection_ms\": 0}")).path());
    }

    @Test
    void rejectsAMaxEjectionPercentAboveOneHundred() {
        assertEquals("services.s.outlier_detection.max_ejection_percent",
                onlyProblem(serviceWith("\"outlier_detection\": {\"max_ejection_percent\": 150}")).path());
    }

    @Test
    void rejectsAnUnknownFieldOfRetries() {
        assertEquals("services.s.retries.per_try_timeout_ms",
                onlyProblem(serviceWith("\"retries\": {\"per_try_timeout_ms\": 5}")).path());
    }

    @Test
    void bindsTheHealthCheckAndTheCircuitBreaker() {
        ServiceDefinition service = load(serviceWith("""
                "health_check": {"path": "/ready", "interval_ms": 500, "timeout_ms": 200, "healthy_threshold": 1,
                                 "unhealthy_threshold": 4},
                "circuit_breaker": {"failure_rate_percent": 25, "minimum_calls": 8, "window_seconds": 30,
                                    "open_ms": 4000, "half_open_calls": 2}""")).services().get("s");
        assertEquals(new HealthCheckSettings("/ready", Duration.ofMillis(500), Duration.ofMillis(200), 1, 4),
                service.healthCheck());
        assertEquals(new CircuitBreakerSettings(25, 8, 30, Duration.ofSeconds(4), 2), service.circuitBreaker());
    }

    @Test
    void anEmptyHealthCheckAndCircuitBreakerTakeTheDocumentedDefaults() {
        ServiceDefinition service = load(serviceWith("\"health_check\": {}, \"circuit_breaker\": {}")).services().get("s");
        assertEquals(new HealthCheckSettings("/health", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3),
                service.healthCheck());
        assertEquals(new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(10), 3), service.circuitBreaker());
    }

    @Test
    void withoutTheFieldsAServiceHasNeitherHealthChecksNorACircuitBreaker() {
        ServiceDefinition service = load(withRoute("")).services().get("users");
        assertNull(service.healthCheck());
        assertNull(service.circuitBreaker());
    }

    @Test
    void rejectsAHealthCheckPathWithoutLeadingSlash() {
        ConfigProblem problem = onlyProblem(serviceWith("\"health_check\": {\"path\": \"health\"}"));
        assertEquals("services.s.health_check.path", problem.path());
        assertEquals("'health' must be a path starting with a single /", problem.reason());
    }

    @Test
    void rejectsAHealthCheckPathThatNamesAnotherHost() {
        assertEquals("services.s.health_check.path",
                onlyProblem(serviceWith("\"health_check\": {\"path\": \"//evil.example/health\"}")).path());
    }

    @Test
    void rejectsANonPositiveHealthCheckInterval() {
        assertEquals("services.s.health_check.interval_ms",
                onlyProblem(serviceWith("\"health_check\": {\"interval_ms\": 0}")).path());
    }

    @Test
    void rejectsANonPositiveHealthCheckTimeout() {
        assertEquals("services.s.health_check.timeout_ms",
                onlyProblem(serviceWith("\"health_check\": {\"timeout_ms\": -5}")).path());
    }

    @Test
    void rejectsAHealthyThresholdOfZero() {
        assertEquals("services.s.health_check.healthy_threshold",
                onlyProblem(serviceWith("\"health_check\": {\"healthy_threshold\": 0}")).path());
    }

    @Test
    void rejectsAnUnhealthyThresholdOfZero() {
        assertEquals("services.s.health_check.unhealthy_threshold",
                onlyProblem(serviceWith("\"health_check\": {\"unhealthy_threshold\": 0}")).path());
    }

    @Test
    void rejectsAnUnknownFieldOfTheHealthCheck() {
        assertEquals("services.s.health_check.method",
                onlyProblem(serviceWith("\"health_check\": {\"method\": \"HEAD\"}")).path());
    }

    @Test
    void rejectsAFailureRateOfZeroPercent() {
        ConfigProblem problem = onlyProblem(serviceWith("\"circuit_breaker\": {\"failure_rate_percent\": 0}"));
        assertEquals("services.s.circuit_breaker.failure_rate_percent", problem.path());
        assertEquals("must be from 1 to 100", problem.reason());
    }

    @Test
    void rejectsMinimumCallsOfZero() {
        assertEquals("services.s.circuit_breaker.minimum_calls",
                onlyProblem(serviceWith("\"circuit_breaker\": {\"minimum_calls\": 0}")).path());
    }

    @Test
    void rejectsAWindowOfZeroSeconds() {
        assertEquals("services.s.circuit_breaker.window_seconds",
                onlyProblem(serviceWith("\"circuit_breaker\": {\"window_seconds\": 0}")).path());
    }

    @Test
    void rejectsANonPositiveOpenTime() {
        assertEquals("services.s.circuit_breaker.open_ms",
                onlyProblem(serviceWith("\"circuit_breaker\": {\"open_ms\": 0}")).path());
    }

    @Test
    void rejectsHalfOpenCallsOfZero() {
        assertEquals("services.s.circuit_breaker.half_open_calls",
                onlyProblem(serviceWith("\"circuit_breaker\": {\"half_open_calls\": 0}")).path());
    }

    @Test
    void rejectsAnUnknownFieldOfTheCircuitBreaker() {
        assertEquals("services.s.circuit_breaker.slow_call_ms",
                onlyProblem(serviceWith("\"circuit_breaker\": {\"slow_call_ms\": 100}")).path());
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertEquals("services.s.response_timeout_ms", onlyProblem("""
                {"services": {"s": {"instances": ["http://127.0.0.1:1"], "response_timeout_ms": 0}}, "routes": []}""").path());
    }

    @Test
    void rejectsAPathThatIsNotNormal() {
        ConfigProblem problem = onlyProblem("{" + SERVICES + ", \"routes\": [{\"id\": \"a\", \"path\": \"/a//b/*\", \"service\": \"users\", \"auth\": \"none\"}]}");
        assertEquals("routes[0].path", problem.path());
        assertTrue(problem.reason().contains("/a/b/*"), problem.reason());
    }

    @Test
    void rejectsAWildcardThatIsNotAFinalSegment() {
        assertEquals("routes[0].path", onlyProblem("{" + SERVICES
                + ", \"routes\": [{\"id\": \"a\", \"path\": \"/a*\", \"service\": \"users\", \"auth\": \"none\"}]}").path());
    }

    @Test
    void rejectsAMissingRequiredField() {
        ConfigProblem problem = onlyProblem("{" + SERVICES + ", \"routes\": [{\"id\": \"a\", \"service\": \"users\", \"auth\": \"none\"}]}");
        assertEquals("routes[0].path", problem.path());
        assertEquals("is required", problem.reason());
    }

    @Test
    void rejectsARouteUnderTheReservedGatewayPaths() {
        ConfigProblem problem = onlyProblem("{" + SERVICES
                + ", \"routes\": [{\"id\": \"a\", \"path\": \"/_gateway/*\", \"service\": \"users\", \"auth\": \"none\"}]}");
        assertEquals("routes[0].path", problem.path());
        assertTrue(problem.reason().contains("reserved"), problem.reason());
    }

    @Test
    void rejectsALowerCaseMethod() {
        assertEquals("routes[0].methods[0]", onlyProblem(withRoute(", \"methods\": [\"get\"]")).path());
    }

    @Test
    void rejectsAnUnknownAuthMode() {
        assertEquals("routes[0].auth", onlyProblem("{" + SERVICES
                + ", \"routes\": [{\"id\": \"a\", \"path\": \"/a\", \"service\": \"users\", \"auth\": \"basic\"}]}").path());
    }

    @Test
    void rejectsARouteThatDefaultsToBearerWithoutKeycloak() {
        ConfigProblem problem = onlyProblem("{" + SERVICES
                + ", \"routes\": [{\"id\": \"a\", \"path\": \"/a\", \"service\": \"users\"}]}");
        assertEquals("routes[0].auth", problem.path());
        assertTrue(problem.reason().contains("needs auth.keycloak"), problem.reason());
        assertTrue(problem.reason().contains("without \"auth\""), problem.reason());
    }

    @Test
    void rejectsAnApiKeyRouteWithoutApiKeys() {
        ConfigProblem problem = onlyProblem(withRoute("").replace("\"auth\": \"none\"", "\"auth\": \"api_key\""));
        assertEquals("routes[0].auth", problem.path());
        assertTrue(problem.reason().contains("needs auth.api_keys"), problem.reason());
    }

    @Test
    void rejectsBrowserLoginWithoutKeycloak() {
        ConfigProblem problem = onlyProblem(withRoute("").replace("\"auth\": \"none\"", "\"auth\": \"browser\""));
        assertEquals("routes[0].auth", problem.path());
        assertTrue(problem.reason().contains("needs auth.keycloak"), problem.reason());
    }

    @Test
    void derivesTheIssuerAndJwksFromTheKeycloakAdapterFields() {
        ValidatedConfig config = load("{" + SERVICES + ", \"routes\": [], \"auth\": {\"keycloak\": "
                + "{\"realm\": \"demo\", \"auth-server-url\": \"http://127.0.0.1:8180/\", \"resource\": \"gateway\", "
                + "\"verify-token-audience\": true}}}");
        var tokens = config.tokens().orElseThrow();
        assertEquals("http://127.0.0.1:8180/realms/demo", tokens.issuer());
        assertEquals("http://127.0.0.1:8180/realms/demo/protocol/openid-connect/certs", tokens.jwksUri().toString());
        assertEquals(java.util.Set.of("gateway"), tokens.audiences());
    }

    private static String withBrowser(String browser) {
        return "{" + SERVICES + ", \"routes\": [], \"auth\": {\"keycloak\": {\"realm\": \"demo\", "
                + "\"auth-server-url\": \"http://127.0.0.1:8180\", \"resource\": \"gateway\"}, \"browser\": " + browser + "}}";
    }

    @Test
    void takesTheBrowsersPublicUrlWithoutItsTrailingSlash() {
        ValidatedConfig config = load(withBrowser("{\"public_url\": \"https://gateway.example.com/\"}"));
        assertEquals("https://gateway.example.com", config.browser().orElseThrow().publicRoot());
    }

    @Test
    void takesTheBrowsersRootFromTheRequestWithoutAPublicUrl() {
        ValidatedConfig config = load(withBrowser("{}").replace(", \"browser\": {}", ""));
        assertNull(config.browser().orElseThrow().publicRoot());
    }

    @Test
    void rejectsAPublicUrlThatIsNotAnAbsoluteHttpUrl() {
        ConfigProblem problem = onlyProblem(withBrowser("{\"public_url\": \"/gateway\"}"));
        assertEquals("auth.browser.public_url", problem.path());
        assertTrue(problem.reason().contains("http:// or https://"), problem.reason());
    }

    @Test
    void rejectsAPublicUrlWithAQuery() {
        ConfigProblem problem = onlyProblem(withBrowser("{\"public_url\": \"https://gateway.example.com/?a=1\"}"));
        assertEquals("auth.browser.public_url", problem.path());
    }

    @Test
    void rejectsABlankPublicUrl() {
        ConfigProblem problem = onlyProblem(withBrowser("{\"public_url\": \" \"}"));
        assertEquals("auth.browser.public_url", problem.path());
        assertEquals("is required", problem.reason());
    }

    @Test
    void browserSessionsLastThirtyMinutesIdleAndTenHoursAtMostByDefault() {
        BrowserSettings browser = load(withBrowser("{}")).browser().orElseThrow();
        assertEquals(java.time.Duration.ofMinutes(30), browser.sessionIdleTimeout());
        assertEquals(java.time.Duration.ofHours(10), browser.sessionMaxAge());
    }

    @Test
    void takesTheBrowserSessionTimeouts() {
        BrowserSettings browser = load(withBrowser("{\"session_idle_timeout_seconds\": 600, \"session_max_age_seconds\": 3600}"))
                .browser().orElseThrow();
        assertEquals(java.time.Duration.ofMinutes(10), browser.sessionIdleTimeout());
        assertEquals(java.time.Duration.ofHours(1), browser.sessionMaxAge());
    }

    @Test
    void rejectsANonPositiveSessionIdleTimeout() {
        ConfigProblem problem = onlyProblem(withBrowser("{\"session_idle_timeout_seconds\": 0}"));
        assertEquals("auth.browser.session_idle_timeout_seconds", problem.path());
    }

    @Test
    void rejectsASessionMaxAgeShorterThanTheIdleTimeout() {
        ConfigProblem problem = onlyProblem(withBrowser("{\"session_idle_timeout_seconds\": 600, \"session_max_age_seconds\": 300}"));
        assertEquals("auth.browser.session_max_age_seconds", problem.path());
        assertTrue(problem.reason().contains("must not be shorter than session_idle_timeout_seconds"), problem.reason());
    }

    @Test
    void rejectsAnUnknownRateLimitId() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(withRoute(", \"rate_limits\": [\"nope\"]")));
        assertEquals("routes[0].rate_limits[0]", e.problems().get(0).path());
        assertEquals("unknown rate limit id 'nope'", e.problems().get(0).reason());
    }

    @Test
    void rejectsDuplicateRateLimitIds() {
        ConfigProblem problem = onlyProblem("{" + SERVICES + ", \"routes\": [], \"rate_limits\": ["
                + "{\"id\": \"x\", \"source\": \"route\", \"requests_per_minute\": 1},"
                + "{\"id\": \"x\", \"source\": \"route\", \"requests_per_minute\": 1}]}");
        assertEquals("rate_limits[1].id", problem.path());
    }

    @Test
    void rejectsAHeaderRateLimitWithoutHeaderName() {
        assertEquals("rate_limits[0].header_name", onlyProblem("{" + SERVICES + ", \"routes\": [], \"rate_limits\": ["
                + "{\"id\": \"x\", \"source\": \"header\", \"requests_per_minute\": 1}]}").path());
    }

    @Test
    void rejectsAnUnknownRateLimitSource() {
        assertEquals("rate_limits[0].source", onlyProblem("{" + SERVICES + ", \"routes\": [], \"rate_limits\": ["
                + "{\"id\": \"x\", \"source\": \"moon\", \"requests_per_minute\": 1}]}").path());
    }

    @Test
    void rejectsAnUnknownFailureMode() {
        assertEquals("rate_limit_failure", onlyProblem("{" + SERVICES + ", \"routes\": [], \"rate_limit_failure\": \"maybe\"}").path());
    }

    @Test
    void rejectsABadTrustedProxy() {
        assertEquals("trusted_proxies[1]", onlyProblem("{" + SERVICES
                + ", \"routes\": [], \"trusted_proxies\": [\"10.0.0.0/8\", \"10.0.0.0/33\"]}").path());
    }

    @Test
    void rejectsAnApiKeyThatIsNotASha256() {
        assertEquals("auth.api_keys.keys[0].sha256", onlyProblem("{" + SERVICES
                + ", \"routes\": [], \"auth\": {\"api_keys\": {\"header\": \"X-API-Key\", \"keys\": [{\"id\": \"k\", \"sha256\": \"abc\"}]}}}").path());
    }

    @Test
    void rejectsAKeycloakConfigWithoutRealm() {
        assertEquals("auth.keycloak.realm", onlyProblem("{" + SERVICES
                + ", \"routes\": [], \"auth\": {\"keycloak\": {\"auth-server-url\": \"http://127.0.0.1:8180\", \"resource\": \"gw\"}}}").path());
    }

    @Test
    void reportsEveryProblemAtOnceWithTheFileName() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                {"services": {"s": {"instances": []}}, "routes": [{"id": "a", "path": "a", "service": "t", "auth": "none"}]}"""));
        assertEquals(List.of("services.s.instances", "routes[0].path", "routes[0].service"),
                e.problems().stream().map(ConfigProblem::path).toList());
        assertTrue(e.getMessage().startsWith("Invalid gateway config test.json:"), e.getMessage());
    }

    @Test
    void theBundledDefaultConfigIsValid() {
        ValidatedConfig config = ConfigLoader.load(ConfigSource.file(java.nio.file.Path.of("webapp-config/gateway.json")));
        assertEquals(2, config.routes().size());
    }

    @Test
    void aRouteWithoutRateLimitsTakesTheDefaultsAndAnEmptyListTakesNone() {
        ValidatedConfig config = load("{" + SERVICES + ", \"routes\": ["
                + "{\"id\": \"a\", \"path\": \"/a\", \"service\": \"users\", \"auth\": \"none\"},"
                + "{\"id\": \"b\", \"path\": \"/b\", \"service\": \"users\", \"auth\": \"none\", \"rate_limits\": []}],"
                + "\"rate_limits\": [{\"id\": \"x\", \"source\": \"route\", \"requests_per_minute\": 1}],"
                + "\"default_rate_limits\": [\"x\"]}");
        List<Route> routes = config.routes();
        assertEquals(List.of("x"), routes.stream().filter(r -> r.id().equals("a")).findFirst().orElseThrow().rateLimits());
        assertEquals(List.of(), routes.stream().filter(r -> r.id().equals("b")).findFirst().orElseThrow().rateLimits());
    }

    @Test
    void reportsAMissingFile() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(ConfigSource.file(java.nio.file.Path.of("/nonexistent/gateway.json"))));
        assertTrue(e.getMessage().contains("/nonexistent/gateway.json"));
        assertTrue(e.getMessage().contains("file not found"));
    }

    @Test
    void theRateLimitDecisionWaitsAtMost50MillisecondsUnlessConfigured() {
        assertEquals(Duration.ofMillis(50), load(withRoute("")).rateLimitTimeout());
        String configured = withRoute("").replaceFirst("\\}\\s*$", ", \"rate_limit_timeout_ms\": 200 }");
        assertEquals(Duration.ofMillis(200), load(configured).rateLimitTimeout());
    }

    @Test
    void aRateLimitTimeoutMustBePositive() {
        String zero = withRoute("").replaceFirst("\\}\\s*$", ", \"rate_limit_timeout_ms\": 0 }");
        ConfigProblem problem = onlyProblem(zero);
        assertEquals("rate_limit_timeout_ms", problem.path());
        assertEquals("must be greater than 0", problem.reason());
    }
}
