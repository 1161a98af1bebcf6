package io.github.apigateway.config;

import io.github.apigateway.auth.ApiKeySettings;
import io.github.apigateway.auth.BrowserSettings;
import io.github.apigateway.auth.TokenSettings;
import io.github.apigateway.proxy.ServiceDefinition;
import io.github.apigateway.ratelimit.RateLimitPolicy;
import io.github.apigateway.routing.RouteTable;

import java.util.Map;
import java.util.Optional;

/** A config that passed every check, in the form request-time code reads. */
public record ValidatedConfig(String source, RouteTable routeTable, Map<String, ServiceDefinition> services,
                              Optional<TokenSettings> tokens, Optional<ApiKeySettings> apiKeys,
                              Optional<BrowserSettings> browser, RateLimitPolicy rateLimits) {

    public ValidatedConfig {
        services = Map.copyOf(services);
    }
}
