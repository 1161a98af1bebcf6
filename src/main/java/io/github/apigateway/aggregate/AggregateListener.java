package io.github.apigateway.aggregate;

import io.github.apigateway.http.GatewayException;

/** Hears once how an aggregate request ends; called on whichever thread ends it, never while a lock is held. */
public interface AggregateListener {

    void answered(ComposedJson body);

    /** A required call failed (502), or could not be built from the request (404). */
    void failed(GatewayException error);
}
