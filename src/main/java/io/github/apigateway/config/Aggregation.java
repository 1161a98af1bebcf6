package io.github.apigateway.config;

import java.time.Duration;
import java.util.List;

/**
 * A validated {@code aggregate}: the route's answer is one JSON object holding each call's JSON body.
 *
 * @param timeout          the most the whole answer waits for the calls
 * @param maxResponseBytes the most one call's body may hold; a larger one fails that call
 * @param calls            in config order, which is the answer's field order
 */
public record Aggregation(Duration timeout, long maxResponseBytes, List<AggregateCall> calls) {

    /** The field of the answer that names each failed optional call's error; no call may take it. */
    public static final String ERRORS_FIELD = "_errors";
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);

    public Aggregation {
        calls = List.copyOf(calls);
    }
}
