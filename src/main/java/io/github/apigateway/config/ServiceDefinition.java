package io.github.apigateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A validated upstream service.
 *
 * @param instances base URIs of the form {@code scheme://host:port}, tried in turn
 */
public record ServiceDefinition(String name, List<URI> instances, Duration connectTimeout, Duration responseTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(2_000);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMillis(30_000);

    public ServiceDefinition {
        instances = List.copyOf(instances);
    }
}
