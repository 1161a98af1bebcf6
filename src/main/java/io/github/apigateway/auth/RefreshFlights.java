package io.github.apigateway.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

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

    /** A refresh, and when its outcome became known (on the {@link System#nanoTime} scale; 0 before). */
    private static final class Flight {
        final CompletableFuture<BrowserSession> outcome;
        volatile long completedAtNanos;

        Flight(CompletableFuture<BrowserSession> outcome) {
            this.outcome = outcome;
        }
    }

    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    RefreshFlights(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * @param refresh starts the refresh; its future completes with the login to go on with, or null when the
     *                refresh failed
     */
    CompletableFuture<BrowserSession> join(String refreshToken,
                                           Function<String, CompletableFuture<BrowserSession>> refresh) {
        forgetOldOutcomes();
        return flights.computeIfAbsent(refreshToken, token -> {
            Flight flight = new Flight(refresh.apply(token));
            flight.outcome.whenComplete((refreshed, failure) -> flight.completedAtNanos = Math.max(1, nanoClock.getAsLong()));
            return flight;
        }).outcome;
    }

    /**
     * Outcomes are forgotten by the next refresh after their time, not by a timer: a JVM-wide timer thread
     * started here would keep this web application's class loader after an undeploy.
     */
    private void forgetOldOutcomes() {
        if (flights.isEmpty()) {
            return;
        }
        long now = nanoClock.getAsLong();
        flights.values().removeIf(flight -> flight.completedAtNanos != 0
                && now - flight.completedAtNanos > KEPT_AFTER_COMPLETION.toNanos());
    }

    int size() {
        return flights.size();
    }
}
