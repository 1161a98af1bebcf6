package io.github.apigateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A refresh token is redeemed once, however many requests of the browser need the refresh. */
class RefreshFlightsTest {

    private long nowNanos;
    private final RefreshFlights flights = new RefreshFlights(() -> nowNanos);
    private final AtomicInteger started = new AtomicInteger();
    private final CompletableFuture<BrowserSession> pending = new CompletableFuture<>();

    private CompletableFuture<BrowserSession> start(String token) {
        started.incrementAndGet();
        return pending;
    }

    @Test
    void parallelRequestsStartOneRefreshAndShareIt() throws Exception {
        int requests = 16;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<BrowserSession>>> joined = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                joined.add(threads.submit(() -> {
                    go.await();
                    return flights.join("refresh-1", this::start);
                }));
            }
            go.countDown();
            for (Future<CompletableFuture<BrowserSession>> flight : joined) {
                assertSame(pending, flight.get());
            }
            assertEquals(1, started.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRequestThatReadTheLoginBeforeTheRefreshEndedGetsItsOutcomeInsteadOfRedeemingAgain() {
        flights.join("refresh-1", this::start);
        pending.complete(new BrowserSession("access", "refresh-2", "id", Instant.now().plusSeconds(300)));
        assertSame(pending, flights.join("refresh-1", this::start));
        assertEquals(1, started.get());
    }

    @Test
    void differentLoginsRefreshApart() {
        CompletableFuture<BrowserSession> first = flights.join("refresh-a", token -> new CompletableFuture<>());
        CompletableFuture<BrowserSession> second = flights.join("refresh-b", token -> new CompletableFuture<>());
        assertNotSame(first, second);
    }

    @Test
    void anOutcomeIsForgottenOnceItsTimeIsUp() {
        flights.join("refresh-1", this::start);
        pending.complete(null);
        nowNanos += RefreshFlights.KEPT_AFTER_COMPLETION.toNanos() * 2;
        flights.join("refresh-other", token -> new CompletableFuture<>());
        assertEquals(1, flights.size(), "only the refresh still running is kept");
    }

    @Test
    void aRefreshStillRunningIsNeverForgotten() {
        flights.join("refresh-1", this::start);
        nowNanos += RefreshFlights.KEPT_AFTER_COMPLETION.toNanos() * 10;
        assertSame(pending, flights.join("refresh-1", this::start));
        assertEquals(1, started.get());
    }
}
