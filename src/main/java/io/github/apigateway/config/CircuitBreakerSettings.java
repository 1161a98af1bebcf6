package io.github.apigateway.config;

import java.time.Duration;

/**
 * A service's validated {@code circuit_breaker}.
 *
 * @param failureRatePercent the share of failed requests, over the window, at or above which it opens
 * @param minimumCalls       the requests the window must hold before their failure rate counts
 * @param windowSeconds      how far back the window reaches
 * @param open               how long it stays open before trial requests are let through
 * @param halfOpenCalls      the trial requests whose failure rate decides between closing and opening again
 */
public record CircuitBreakerSettings(int failureRatePercent, int minimumCalls, int windowSeconds, Duration open,
                                     int halfOpenCalls) {

    public static final int DEFAULT_FAILURE_RATE_PERCENT = 50;
    public static final int DEFAULT_MINIMUM_CALLS = 20;
    public static final int DEFAULT_WINDOW_SECONDS = 10;
    public static final Duration DEFAULT_OPEN = Duration.ofMillis(10_000);
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;
}
