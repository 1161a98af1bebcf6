package io.github.apigateway.aggregate;

import java.util.Locale;

/** Why an aggregate call has no JSON body in the answer: the value under {@code _errors}. */
public enum CallError {
    /** No JSON answer within the route's {@code timeout_ms}, or the service's own response timeout. */
    TIMEOUT,
    /** An answer whose status is not 2xx. */
    BAD_STATUS,
    /** A 2xx answer whose body is not one JSON text in UTF-8. */
    NOT_JSON,
    /** A body larger than the route's {@code max_response_bytes}. */
    TOO_LARGE,
    /** No instance could be reached, or the connection broke before the answer was whole. */
    UNAVAILABLE,
    /** The service's circuit breaker is open: no instance was called. */
    CIRCUIT_OPEN,
    /** The request path has fewer segments than the call's {@code ${path.N}} needs: nothing was called. */
    MISSING_PATH_SEGMENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
