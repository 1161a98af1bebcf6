package io.github.apigateway.config;

import java.time.Duration;

/**
 * A service's validated {@code health_check}: active probes of {@code GET {instance}{path}}.
 *
 * @param path               the probed path, starting with {@code /}
 * @param interval           the time between the end of one probe of an instance and the start of the next
 * @param timeout            how long a probe may take in all before it counts as failed
 * @param healthyThreshold   passed probes in a row that bring an instance back
 * @param unhealthyThreshold failed probes in a row that take an instance out
 */
public record HealthCheckSettings(String path, Duration interval, Duration timeout, int healthyThreshold,
                                  int unhealthyThreshold) {

    public static final String DEFAULT_PATH = "/health";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(2_000);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1_000);
    public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
}
