package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The value of a completed future a suspended request waited for, or the refusal it failed with. */
final class FutureOutcome {

    private FutureOutcome() {
    }

    /**
     * @param future   a future that is done
     * @param fallback thrown when the future failed with anything but a {@link GatewayException}
     */
    static <T> T of(CompletableFuture<T> future, GatewayException fallback) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GatewayException refused) {
                throw refused;
            }
            throw fallback;
        }
    }
}
