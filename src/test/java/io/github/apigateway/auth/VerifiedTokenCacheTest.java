package io.github.apigateway.auth;

import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cache in front of the full token check, on a clock the tests move. */
class VerifiedTokenCacheTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant EXP = START.plusSeconds(300);

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(100, now::get);
    private final List<String> fullChecks = new ArrayList<>();

    /** A full check that accepts every token as a caller of its own name, valid until {@code exp}. */
    private Function<String, VerifiedToken> acceptingUntil(Instant exp) {
        return token -> {
            fullChecks.add(token);
            return new VerifiedToken(new Identity(token, null, Set.of(), null, null, Identity.Credential.BEARER_TOKEN), exp);
        };
    }

    private Identity verify(String token) {
        return cache.verify(token, acceptingUntil(EXP));
    }

    @Test
    void aRepeatedTokenTakesTheFullCheckOnce() {
        verify("token-a");
        verify("token-a");
        verify("token-a");
        assertEquals(List.of("token-a"), fullChecks);
    }

    @Test
    void aCachedTokenYieldsItsOwnCaller() {
        verify("token-a");
        verify("token-b");
        assertEquals("token-a", verify("token-a").subject());
        assertEquals("token-b", verify("token-b").subject());
        assertEquals(List.of("token-a", "token-b"), fullChecks);
    }

    @Test
    void anEntryIsServedUpToTheLastInstantBeforeExp() {
        verify("token-a");
        now.set(EXP.minusNanos(1));
        verify("token-a");
        assertEquals(List.of("token-a"), fullChecks);
    }

    @Test
    void anEntryIsNotServedAtExpSoTheTokenTakesTheFullCheckAgain() {
        verify("token-a");
        now.set(EXP);
        verify("token-a");
        assertEquals(List.of("token-a", "token-a"), fullChecks);
    }

    @Test
    void aTokenAcceptedAtOrAfterItsExpWithinTheClockSkewIsNotCached() {
        now.set(EXP.plusSeconds(10));
        verify("token-a");
        verify("token-a");
        assertEquals(List.of("token-a", "token-a"), fullChecks);
        assertEquals(0, cache.size());
    }

    @Test
    void aRejectedTokenIsNotCached() {
        Function<String, VerifiedToken> rejecting = token -> {
            fullChecks.add(token);
            throw new GatewayException(401, "invalid_token", "The access token is not valid.");
        };
        assertThrows(GatewayException.class, () -> cache.verify("garbage", rejecting));
        assertThrows(GatewayException.class, () -> cache.verify("garbage", rejecting));
        assertEquals(List.of("garbage", "garbage"), fullChecks);
        assertEquals(0, cache.size());
    }

    @Test
    void theCacheHoldsNoMoreThanItsMaximumSize() {
        VerifiedTokenCache small = new VerifiedTokenCache(3, now::get);
        for (int i = 0; i < 50; i++) {
            small.verify("token-" + i, acceptingUntil(EXP));
        }
        assertEquals(3, small.size());
    }

    @Test
    void eachTokenExpiresAtItsOwnExp() {
        cache.verify("short-lived", acceptingUntil(START.plus(Duration.ofSeconds(60))));
        verify("token-a");
        now.set(START.plusSeconds(60));
        cache.verify("short-lived", acceptingUntil(START.plus(Duration.ofSeconds(60))));
        verify("token-a");
        assertEquals(List.of("short-lived", "token-a", "short-lived"), fullChecks);
    }
}
