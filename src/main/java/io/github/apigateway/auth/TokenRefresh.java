package io.github.apigateway.auth;

import java.util.concurrent.CompletableFuture;

/**
 * The token refresh a browser's request waits for before its caller is known ({@link BrowserLogin#refreshDue}):
 * the web layer suspends the request until {@link #completion()} and then hands it to
 * {@link BrowserLogin#adopt}. Immutable; the future it holds is thread-safe.
 */
public final class TokenRefresh {

    private final String refreshToken;
    private final CompletableFuture<BrowserSession> result;

    /**
     * @param refreshToken the refresh token being redeemed, null when the login has none (so it fails)
     * @param result       the refreshed login, or null when the refresh failed; never completes exceptionally
     */
    TokenRefresh(String refreshToken, CompletableFuture<BrowserSession> result) {
        this.refreshToken = refreshToken;
        this.result = result;
    }

    /** Completes when the refresh is over, on a thread of the HTTP client. */
    public CompletableFuture<?> completion() {
        return result;
    }

    public boolean isDone() {
        return result.isDone();
    }

    String refreshToken() {
        return refreshToken;
    }

    /** The refreshed login, or null when the refresh failed; only once {@link #isDone()}. */
    BrowserSession refreshed() {
        return result.join();
    }
}
