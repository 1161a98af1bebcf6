package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

/** {@code observability}: the access log and tracing, each on unless set to false. */
public record ObservabilityConfig(
        @JsonbProperty("access_log") Boolean accessLog,
        Boolean tracing) {
}
