package io.github.apigateway.config;

/**
 * A validated aggregate call: a GET of {@code path} at an instance of {@code service}.
 *
 * @param name     the field of the answer that holds the call's JSON body
 * @param required whether the route's whole answer fails (502) when this call does
 */
public record AggregateCall(String name, String service, CallPath path, boolean required) {
}
