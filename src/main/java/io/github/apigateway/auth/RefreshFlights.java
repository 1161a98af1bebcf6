package io.github.apigateway.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One refresh of a browser login at a time: the parallel requests of a browser whose access token is due
 * all wait for the same refresh, keyed by the refresh token they would redeem, since with refresh token
 * rotation a second redemption is refused and would log the browser out. The outcome stays here for a
 * while after it is known, for requests that read the login before the refreshed one was kept.
 * Thread-safe: the flights are a concurrent map, and a flight starts inside its atomic
 * {@code computeIfAbsent} (which only sends a request, never waits for it).
 */
final class RefreshFlights {

    static final Duration KEPT_AFTER_COMPLETION = Duration.ofSeconds(30);

    private final ConcurrentMap<String, CompletableFuture<BrowserSession>> flights = new ConcurrentHashMap<>();

    /**
     * @param refresh starts the refresh; its future completes with the refreshed login, or null when the
     *                refresh failed, and never exceptionally
     */
    CompletableFuture<BrowserSession> join(String refreshToken,
                                           Function<String, CompletableFuture<BrowserSession>> refresh) {
        return flights.computeIfAbsent(refreshToken, token -> {
            CompletableFuture<BrowserSession> flight = refresh.apply(token);
            flight.whenComplete((refreshed, failure) -> CompletableFuture.delayedExecutor(
                            KEPT_AFTER_COMPLETION.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> flights.remove(token, flight)));
            return flight;
        });
    }
}
