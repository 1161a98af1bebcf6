package io.github.apigateway.auth;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.github.apigateway.http.GatewayException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes a session's tokens once for the whole cluster: Keycloak rotates refresh tokens and refuses a
 * second use of one, so two nodes redeeming the same token would end the login. The node that wins the
 * session's refresh claim ({@link ClaimRefresh}) redeems the token and keeps the result
 * ({@link KeepRefreshed}); a node that finds the claim taken goes on with the access token it has while that
 * is still valid, and otherwise looks for the refreshed login every {@link #POLL} until the claim would
 * lapse. A claim outlives Keycloak's deadline and the store's together, so it never lapses under a refresh
 * that is still running. On one node, parallel requests share one refresh ({@link RefreshFlights}).
 * Thread-safe: it holds no state of its own; callbacks run on the store's and the HTTP client's threads.
 */
final class SessionRefresh {

    static final Duration CLAIM = TokenEndpoint.DEADLINE.plus(ClusterSessionStore.DEADLINE.multipliedBy(2));
    static final Duration POLL = Duration.ofMillis(200);

    private static final System.Logger LOG = System.getLogger(SessionRefresh.class.getName());

    private final SessionStore store;
    private final TokenEndpoint tokenEndpoint;
    private final ScheduledExecutorService timer;

    SessionRefresh(SessionStore store, TokenEndpoint tokenEndpoint, ScheduledExecutorService timer) {
        this.store = store;
        this.tokenEndpoint = tokenEndpoint;
        this.timer = timer;
    }

    /**
     * @param login a login with a refresh token
     * @return the login to go on with: refreshed here or by another node, or {@code login} itself while
     *         another node refreshes it; null when the session ended or its refresh failed
     */
    CompletableFuture<BrowserSession> refresh(String id, BrowserSession login) {
        String claim = SessionIds.next();
        return store.claimRefresh(id, login.refreshToken(), claim, CLAIM).thenCompose(session -> {
            if (session == null || !session.refreshesWith(login.refreshToken())) {
                return CompletableFuture.completedFuture(session == null ? null : session.login());
            }
            if (claim.equals(session.refreshClaim())) {
                return redeem(id, login);
            }
            if (!login.expiresWithin(Duration.ZERO, Instant.now())) {
                return CompletableFuture.completedFuture(login);
            }
            CompletableFuture<BrowserSession> refreshed = new CompletableFuture<>();
            awaitRefreshElsewhere(id, login.refreshToken(), System.nanoTime() + CLAIM.toNanos(), refreshed);
            return refreshed;
        });
    }

    /** A refresh Keycloak refused, or that could not be kept, ends the session: the browser logs in again. */
    private CompletableFuture<BrowserSession> redeem(String id, BrowserSession login) {
        return tokenEndpoint.redeem(new RefreshTokenGrant(new RefreshToken(login.refreshToken())))
                .handle((issued, failure) -> {
                    if (failure != null) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "Refreshing a browser login failed: " + failure.getMessage());
                        return null;
                    }
                    return BrowserSession.issued(issued, login);
                })
                .thenCompose(refreshed -> {
                    if (refreshed == null) {
                        store.forget(id);
                        return CompletableFuture.completedFuture(null);
                    }
                    return store.keepRefreshed(id, login.refreshToken(), refreshed).thenApply(kept -> kept ? refreshed : null);
                });
    }

    private void awaitRefreshElsewhere(String id, String refreshToken, long deadlineNanos,
                                       CompletableFuture<BrowserSession> refreshed) {
        timer.schedule(() -> store.load(id).whenComplete((session, failure) -> {
            if (failure != null) {
                refreshed.completeExceptionally(failure);
            } else if (session == null || !session.refreshesWith(refreshToken)) {
                refreshed.complete(session == null ? null : session.login());
            } else if (System.nanoTime() - deadlineNanos > 0) {
                refreshed.completeExceptionally(new GatewayException(503, "service_unavailable",
                        "The login is being refreshed by another gateway node, which did not finish in time."));
            } else {
                awaitRefreshElsewhere(id, refreshToken, deadlineNanos, refreshed);
            }
        }), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
}
