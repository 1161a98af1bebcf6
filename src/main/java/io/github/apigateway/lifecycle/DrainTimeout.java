package io.github.apigateway.lifecycle;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How long stopping the gateway waits for requests in flight: the system property
 * {@code gateway.drain_timeout_seconds}, else the context init-param of the same name, else 30 s
 * (inside the 30 s a Kubernetes pod gets between SIGTERM and SIGKILL is the operator's call: lower it
 * there). A container setting, not part of the gateway config: it is about how the container stops.
 */
public final class DrainTimeout {

    static final String NAME = "gateway.drain_timeout_seconds";
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private DrainTimeout() {
    }

    public static Duration resolve(UnaryOperator<String> systemProperties, UnaryOperator<String> initParameters) {
        String value = systemProperties.apply(NAME);
        if (value == null) {
            value = initParameters.apply(NAME);
        }
        if (value == null) {
            return DEFAULT;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the value that was given
        }
        throw new IllegalArgumentException(NAME + " must be a whole number of seconds, 0 or more; got '" + value + "'");
    }
}
