package io.github.apigateway.config;

/** One instance of a service as bound from JSON: {@code {"url": ..., "weight": ...}}. */
public record InstanceConfig(String url, Integer weight) {
}
