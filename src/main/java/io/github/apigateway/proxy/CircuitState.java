package io.github.apigateway.proxy;

/** A service's circuit breaker as the admin status and the metrics name it. */
public enum CircuitState {
    CLOSED, OPEN, HALF_OPEN, OFF
}
