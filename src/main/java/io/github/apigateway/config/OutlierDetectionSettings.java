package io.github.apigateway.config;

import java.time.Duration;

/**
 * A service's validated {@code outlier_detection}; the defaults are Envoy's.
 *
 * @param consecutiveFailures failures in a row that eject an instance
 * @param baseEjection        how long the first ejection lasts; each further one lasts this much longer
 * @param maxEjectionPercent  the share of the service's instances that failures may eject at once
 */
public record OutlierDetectionSettings(int consecutiveFailures, Duration baseEjection, int maxEjectionPercent) {

    public static final OutlierDetectionSettings DEFAULT =
            new OutlierDetectionSettings(5, Duration.ofMillis(30_000), 50);
}
