package io.github.apigateway.ratelimit;

import io.github.apigateway.observability.RateLimitMetrics;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.RateLimit;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitGuardTest {

    private static final RateLimit LIMIT = RateLimit.perMinute("per-tenant", RateLimit.Source.HEADER, "X-Tenant", null, 60, 10L);
    private static final Route LIMITED = route(List.of("per-tenant"));
    private static final RateLimitDecision ALLOWED = new RateLimitDecision(true, 10, 9, 1, 0);

    private final RateLimitFailures failures = new RateLimitFailures(System::nanoTime);
    private final RateLimitPolicy policy = new RateLimitPolicy(Map.of("per-tenant", LIMIT), new ClientAddress(List.of()));
    private String askedKey;

    private static Route route(List<String> limits) {
        return new Route("r", RoutePath.parse("/r/*"), Set.of(), "svc", false, false, AuthMode.NONE, List.of(), limits);
    }

    private static RequestView tenant(String value) {
        return new RequestView() {
            @Override
            public String header(String name) {
                return "X-Tenant".equals(name) ? value : null;
            }

            @Override
            public List<String> headers(String name) {
                return List.of();
            }

            @Override
            public String peerAddress() {
                return "127.0.0.1";
            }
        };
    }

    private RateLimitGuard guard(CompletableFuture<RateLimitDecision> answer, boolean failOpen) {
        return new RateLimitGuard(policy, (key, limit) -> {
            askedKey = key;
            return answer;
        }, failures, failOpen, RateLimitMetrics.NONE);
    }

    @Test
    void aRouteWithoutLimitsIsNotLimitedAndAsksNobody() {
        RateLimitOutcome outcome = guard(CompletableFuture.completedFuture(ALLOWED), true)
                .check(route(List.of()), null, tenant("a")).join();
        assertInstanceOf(RateLimitOutcome.NotLimited.class, outcome);
        assertEquals(null, askedKey);
    }

    @Test
    void aDecisionMadeLocallyIsCompleteAtOnce() {
        CompletableFuture<RateLimitOutcome> outcome = guard(CompletableFuture.completedFuture(ALLOWED), true)
                .check(LIMITED, null, tenant("a"));
        assertTrue(outcome.isDone());
        assertEquals(new RateLimitOutcome.Decided(ALLOWED), outcome.join());
        assertEquals("per-tenant|header=a", askedKey);
    }

    @Test
    void aDecisionFromTheClusterCompletesWhenItArrives() {
        CompletableFuture<RateLimitDecision> answer = new CompletableFuture<>();
        CompletableFuture<RateLimitOutcome> outcome = guard(answer, true).check(LIMITED, null, tenant("a"));
        assertTrue(!outcome.isDone());
        answer.complete(ALLOWED);
        assertEquals(new RateLimitOutcome.Decided(ALLOWED), outcome.join());
    }

    private RateLimitOutcome whenTheClusterFails(Throwable failure, boolean failOpen) {
        return guard(CompletableFuture.failedFuture(failure), failOpen).check(LIMITED, null, tenant("a")).join();
    }

    @Test
    void whenTheClusterCannotDecideOpenLetsTheRequestPassAndCountsIt() {
        assertEquals(new RateLimitOutcome.Undecided(true), whenTheClusterFails(new TimeoutException(), true));
        assertEquals(1, failures.total());
    }

    @Test
    void whenTheClusterCannotDecideClosedRefusesTheRequestAndCountsIt() {
        assertEquals(new RateLimitOutcome.Undecided(false), whenTheClusterFails(new OwnerUnresponsiveException(), false));
        assertEquals(1, failures.total());
    }
}
