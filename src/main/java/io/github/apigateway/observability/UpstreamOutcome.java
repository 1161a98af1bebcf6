package io.github.apigateway.observability;

import java.util.Locale;

/** How one try at an upstream instance ended: the {@code outcome} label of {@code gateway_upstream_request_duration_seconds}. */
public enum UpstreamOutcome {
    /** An answer the gateway relays as it is (any status but 502, 503 and 504). */
    RESPONSE,
    /** A 502, 503 or 504 answer: a failure of the instance. */
    ERROR_STATUS,
    /** Refused, or not accepted in time: nothing was sent. */
    CONNECT_FAILURE,
    /** No answer within the service's response timeout. */
    TIMEOUT,
    /** Reset, closed early, or an answer that could not be read. */
    FAILURE,
    /** The client went away and the gateway stopped the try. */
    CANCELLED;

    final String label = name().toLowerCase(Locale.ROOT);
}
