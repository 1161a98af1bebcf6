package io.github.apigateway.config;

/** One call of an {@code aggregate}. */
public record AggregateCallConfig(String name, String service, String path, Boolean required) {
}
