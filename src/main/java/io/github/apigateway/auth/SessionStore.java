package io.github.apigateway.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where browser sessions live, keyed by session id, shared by every gateway node. No call waits: each
 * answers with a future that completes within the store's deadline, or fails with a
 * {@link io.github.apigateway.http.GatewayException} 503.
 */
interface SessionStore {

    /** The session, or null when there is none (never was, ended, or expired). */
    CompletableFuture<StoredSession> load(String id);

    /** Keeps a new session under a new id, with the session timeouts counted from its start. */
    CompletableFuture<Void> create(String id, StoredSession session);

    /** Ends the session and answers what it held, null when there was none: one caller only gets it. */
    CompletableFuture<StoredSession> take(String id);

    /** Ends the session without waiting to know that it did: for sessions that are worthless anyway. */
    void forget(String id);

    /** {@link ClaimRefresh}: the session after the claim, null when there is none. */
    CompletableFuture<StoredSession> claimRefresh(String id, String refreshToken, String claim, Duration claimFor);

    /** {@link KeepRefreshed}: whether the refreshed login was kept. */
    CompletableFuture<Boolean> keepRefreshed(String id, String refreshedFrom, BrowserSession refreshed);
}
