package io.github.apigateway.config;

import java.net.URI;

/**
 * A validated instance of a service.
 *
 * @param url    the base URI, {@code scheme://host:port}
 * @param weight its share of the requests against the other instances' weights, 1 to 1000
 */
public record ServiceInstance(URI url, int weight) {

    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 1000;
}
