package io.github.apigateway.config;

import io.github.apigateway.http.Cidr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks a bound config must pass before a gateway starts with it. Every problem is collected with
 * its JSON path, so an operator fixes the file in one round. The parts are checked in file order, each
 * against the parts it refers to: services and rate limits first, then auth, then the routes.
 */
final class ConfigValidator {

    private static final Set<String> RATE_LIMIT_FAILURE_MODES = Set.of("open", "closed");

    private ConfigValidator() {
    }

    static ValidatedConfig validate(String source, GatewayConfig config) {
        ConfigProblems problems = new ConfigProblems();
        Map<String, ServiceDefinition> services = new ServicesValidator(problems).check(config.services());
        RateLimitsValidator rateLimits = new RateLimitsValidator(problems);
        rateLimits.check(config.rateLimits());
        AuthValidator auth = new AuthValidator(problems, config.auth());
        auth.check();
        List<Route> routes = new RoutesValidator(problems, services.keySet(), auth, rateLimits,
                config.defaultRateLimits()).check(config.routes());
        rateLimits.references("default_rate_limits", config.defaultRateLimits());
        problems.oneOf("rate_limit_failure", config.rateLimitFailure(), RATE_LIMIT_FAILURE_MODES);
        Duration rateLimitTimeout = problems.positiveMillis("rate_limit_timeout_ms", config.rateLimitTimeoutMs(),
                ValidatedConfig.DEFAULT_RATE_LIMIT_TIMEOUT);
        List<Cidr> trustedProxies = cidrs(problems, "trusted_proxies", config.trustedProxies());
        ManagementSettings management = management(problems, config.management());
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.list());
        }
        return new ValidatedConfig(source, routes, services, auth.tokenSettings(), auth.apiKeySettings(),
                auth.browserSettings(), RateLimitsValidator.byId(config.rateLimits()), trustedProxies,
                !"closed".equals(config.rateLimitFailure()), rateLimitTimeout, management,
                observability(config.observability()));
    }

    private static ManagementSettings management(ConfigProblems problems, ManagementConfig management) {
        if (management == null) {
            return new ManagementSettings(ManagementSettings.LOOPBACK, Set.of());
        }
        List<Cidr> allowFrom = management.allowFrom() == null ? ManagementSettings.LOOPBACK
                : cidrs(problems, "management.allow_from", management.allowFrom());
        problems.notBlank("management.admin_roles", management.adminRoles());
        return new ManagementSettings(allowFrom, Set.copyOf(Objects.requireNonNullElse(management.adminRoles(), List.of())));
    }

    private static ObservabilitySettings observability(ObservabilityConfig observability) {
        if (observability == null) {
            return new ObservabilitySettings(true, true);
        }
        return new ObservabilitySettings(!Boolean.FALSE.equals(observability.accessLog()),
                !Boolean.FALSE.equals(observability.tracing()));
    }

    private static List<Cidr> cidrs(ConfigProblems problems, String path, List<String> blocks) {
        List<String> texts = Objects.requireNonNullElse(blocks, List.of());
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                cidrs.add(Cidr.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblems.element(path, i), "'" + texts.get(i) + "' " + e.getMessage());
            }
        }
        return cidrs;
    }
}
