package io.github.apigateway.config;

/**
 * @param accessLog {@code observability.access_log}: one JSON line per request on the logger {@code gateway.access}
 * @param tracing   {@code observability.tracing}: W3C Trace Context spans, exported when OTLP is configured
 */
public record ObservabilitySettings(boolean accessLog, boolean tracing) {
}
