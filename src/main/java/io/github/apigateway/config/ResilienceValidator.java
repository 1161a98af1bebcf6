package io.github.apigateway.config;

import java.time.Duration;

/** Checks a service's {@code load_balancing}, {@code retries} and {@code outlier_detection}; absent fields take their defaults. */
final class ResilienceValidator {

    private static final int MAX_ATTEMPTS = 10;

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
}
