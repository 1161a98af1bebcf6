package io.github.apigateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Checks a service's {@code load_balancing}, {@code retries}, {@code outlier_detection}, {@code health_check}
 * and {@code circuit_breaker}; absent fields take their defaults, and the last two are off when absent.
 */
final class ResilienceValidator {

    private static final int MAX_ATTEMPTS = 10;
    private static final int MAX_THRESHOLD = 1_000;
    private static final int MAX_WINDOW_SECONDS = 3_600;

    private final ConfigProblems problems;
    private final String servicePath;

    ResilienceValidator(ConfigProblems problems, String servicePath) {
        this.problems = problems;
        this.servicePath = servicePath;
    }

    LoadBalancing loadBalancing(String name) {
        if (name == null) {
            return LoadBalancing.ROUND_ROBIN;
        }
        problems.oneOf(servicePath + ".load_balancing", name, LoadBalancing.BY_NAME.keySet());
        return LoadBalancing.BY_NAME.getOrDefault(name, LoadBalancing.ROUND_ROBIN);
    }

    RetrySettings retries(RetriesConfig config) {
        if (config == null) {
            return RetrySettings.DEFAULT;
        }
        String path = servicePath + ".retries";
        return new RetrySettings(
                problems.between(path + ".attempts", config.attempts(), 0, MAX_ATTEMPTS, RetrySettings.DEFAULT.attempts()),
                problems.between(path + ".budget_percent", config.budgetPercent(), 0, 100,
                        RetrySettings.DEFAULT.budgetPercent()));
    }

    OutlierDetectionSettings outlierDetection(OutlierDetectionConfig config) {
        if (config == null) {
            return OutlierDetectionSettings.DEFAULT;
        }
        String path = servicePath + ".outlier_detection";
        OutlierDetectionSettings defaults = OutlierDetectionSettings.DEFAULT;
        int failures = problems.between(path + ".consecutive_failures", config.consecutiveFailures(), 1,
                Integer.MAX_VALUE, defaults.consecutiveFailures());
        Duration baseEjection = problems.positiveMillis(path + ".base_ejection_ms", config.baseEjectionMs(),
                defaults.baseEjection());
        int maxPercent = problems.between(path + ".max_ejection_percent", config.maxEjectionPercent(), 0, 100,
                defaults.maxEjectionPercent());
        return new OutlierDetectionSettings(failures, baseEjection, maxPercent);
    }

    /** @return the settings, or null when the service has no active health checks */
    HealthCheckSettings healthCheck(HealthCheckConfig config) {
        if (config == null) {
            return null;
        }
        String path = servicePath + ".health_check";
        String probed = config.path() == null ? HealthCheckSettings.DEFAULT_PATH : config.path();
        String pathProblem = probePathProblem(probed);
        if (pathProblem != null) {
            problems.add(path + ".path", pathProblem);
        }
        return new HealthCheckSettings(probed,
                problems.positiveMillis(path + ".interval_ms", config.intervalMs(), HealthCheckSettings.DEFAULT_INTERVAL),
                problems.positiveMillis(path + ".timeout_ms", config.timeoutMs(), HealthCheckSettings.DEFAULT_TIMEOUT),
                problems.between(path + ".healthy_threshold", config.healthyThreshold(), 1, MAX_THRESHOLD,
                        HealthCheckSettings.DEFAULT_HEALTHY_THRESHOLD),
                problems.between(path + ".unhealthy_threshold", config.unhealthyThreshold(), 1, MAX_THRESHOLD,
                        HealthCheckSettings.DEFAULT_UNHEALTHY_THRESHOLD));
    }

    /** @return why the path cannot be appended to an instance's base URL, or null when it can */
    private static String probePathProblem(String path) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            return "'" + path + "' must be a path starting with a single /";
        }
        try {
            URI uri = new URI("http://instance" + path);
            return uri.getRawFragment() == null ? null : "'" + path + "' must not hold a fragment";
        } catch (URISyntaxException e) {
            return "'" + path + "' is not a valid path: " + e.getReason();
        }
    }

    /** @return the settings, or null when the service has no circuit breaker */
    CircuitBreakerSettings circuitBreaker(CircuitBreakerConfig config) {
        if (config == null) {
            return null;
        }
        String path = servicePath + ".circuit_breaker";
        return new CircuitBreakerSettings(
                problems.between(path + ".failure_rate_percent", config.failureRatePercent(), 1, 100,
                        CircuitBreakerSettings.DEFAULT_FAILURE_RATE_PERCENT),
                problems.between(path + ".minimum_calls", config.minimumCalls(), 1, Integer.MAX_VALUE,
                        CircuitBreakerSettings.DEFAULT_MINIMUM_CALLS),
                problems.between(path + ".window_seconds", config.windowSeconds(), 1, MAX_WINDOW_SECONDS,
                        CircuitBreakerSettings.DEFAULT_WINDOW_SECONDS),
                problems.positiveMillis(path + ".open_ms", config.openMs(), CircuitBreakerSettings.DEFAULT_OPEN),
                problems.between(path + ".half_open_calls", config.halfOpenCalls(), 1, MAX_THRESHOLD,
                        CircuitBreakerSettings.DEFAULT_HALF_OPEN_CALLS));
    }
}
