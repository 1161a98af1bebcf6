package io.github.apigateway.config;

import java.time.Duration;
import java.util.List;

/**
 * A validated upstream service.
 *
 * @param healthCheck    its active health checks, or null when it has none
 * @param circuitBreaker its circuit breaker, or null when it has none
 */
public record ServiceDefinition(String name, List<ServiceInstance> instances, Duration connectTimeout,
                                Duration responseTimeout, LoadBalancing loadBalancing, RetrySettings retries,
                                OutlierDetectionSettings outlierDetection, HealthCheckSettings healthCheck,
                                CircuitBreakerSettings circuitBreaker) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(2_000);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMillis(30_000);

    public ServiceDefinition {
        instances = List.copyOf(instances);
    }
}
