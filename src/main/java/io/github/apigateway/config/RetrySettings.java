package io.github.apigateway.config;

/**
 * A service's validated {@code retries}.
 *
 * @param attempts      how many more instances a request may try after a failure once it was sent
 * @param budgetPercent the share of the service's recent requests that may be such retries
 */
public record RetrySettings(int attempts, int budgetPercent) {

    public static final RetrySettings DEFAULT = new RetrySettings(2, 20);
}
