package io.github.apigateway.auth;

import java.util.concurrent.CompletableFuture;

/**
 * The verdict on a bearer token needs a key of the realm that is being fetched (a first token, a rotated
 * key). Not a failure: the caller suspends the request until {@link #fetch} completes, then authenticates
 * again, which then decides from the keys held. Thrown rather than returned because it is rare and crosses
 * the same calls as the refusals ({@link io.github.apigateway.http.GatewayException}); it has no stack trace.
 */
public final class KeysPending extends RuntimeException {

    private final transient CompletableFuture<Void> fetch;

    KeysPending(CompletableFuture<Void> fetch) {
        super("waiting for the realm's keys", null, false, false);
        this.fetch = fetch;
    }

    /** Completes (never exceptionally) when the fetch ended, whether it brought the key or not. */
    public CompletableFuture<Void> fetch() {
        return fetch;
    }
}
