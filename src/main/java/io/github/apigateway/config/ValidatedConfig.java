package io.github.apigateway.config;

import io.github.apigateway.http.Cidr;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config that passed every check, in the form request-time code reads: immutable, with every string
 * that needed parsing (paths, URLs, CIDRs, key hashes) already parsed.
 *
 * @param routes            in file order
 * @param rateLimits        by id
 * @param rateLimitFailOpen {@code rate_limit_failure}: whether a request passes when the cluster cannot decide in time
 * @param rateLimitTimeout  {@code rate_limit_timeout_ms}: how long a request may wait for the cluster's decision
 * @param management        who may read {@code /_gateway/metrics}
 * @param observability     whether the access log and tracing are on
 */
public record ValidatedConfig(String source, List<Route> routes, Map<String, ServiceDefinition> services,
                              Optional<TokenSettings> tokens, Optional<ApiKeySettings> apiKeys,
                              Optional<BrowserSettings> browser, Map<String, RateLimit> rateLimits,
                              List<Cidr> trustedProxies, boolean rateLimitFailOpen, Duration rateLimitTimeout,
                              ManagementSettings management, ObservabilitySettings observability) {

    public static final Duration DEFAULT_RATE_LIMIT_TIMEOUT = Duration.ofMillis(50);

    public ValidatedConfig {
        routes = List.copyOf(routes);
        services = Map.copyOf(services);
        rateLimits = Map.copyOf(rateLimits);
        trustedProxies = List.copyOf(trustedProxies);
    }
}
