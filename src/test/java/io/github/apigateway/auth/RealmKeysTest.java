package io.github.apigateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching the realm's keys beside the requests, on a hand-set clock, with fetches answered by hand. */
class RealmKeysTest {

    private static final JWKSet FIRST = new JWKSet(key("first"));
    private static final JWKSet ROTATED = new JWKSet(List.of(key("first"), key("second")));

    private long nowNanos;
    private final List<CompletableFuture<JWKSet>> fetches = new ArrayList<>();
    private final RealmKeys keys = new RealmKeys(this::startFetch, () -> nowNanos);

    private CompletableFuture<JWKSet> startFetch() {
        CompletableFuture<JWKSet> fetch = new CompletableFuture<>();
        fetches.add(fetch);
        return fetch;
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).keyUse(KeyUse.SIGNATURE).generate().toPublicJWK();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void fetched(JWKSet set) {
        fetches.get(fetches.size() - 1).complete(set);
    }

    @Test
    void theFirstTokenWaitsForTheFirstFetch() {
        CompletableFuture<Void> wait = keys.fetchFor("first");
        assertFalse(wait.isDone());
        fetched(FIRST);
        assertTrue(wait.isDone());
        assertTrue(keys.holds("first"));
    }

    @Test
    void aHeldKeyIsUsedWithoutAFetch() {
        keys.fetchFor("first");
        fetched(FIRST);
        assertNull(keys.fetchFor("first"));
        assertEquals(1, fetches.size());
    }

    @Test
    void tokensArrivingDuringAFetchWaitForThatFetch() {
        CompletableFuture<Void> first = keys.fetchFor("first");
        assertSame(first, keys.fetchFor("other"));
        assertEquals(1, fetches.size());
    }

    @Test
    void aRotatedKeyIsFetchedOnItsFirstToken() {
        keys.fetchFor("first");
        fetched(FIRST);
        nowNanos += RealmKeys.MIN_FETCH_INTERVAL_NANOS;
        CompletableFuture<Void> wait = keys.fetchFor("second");
        fetched(ROTATED);
        assertTrue(wait.isDone());
        assertTrue(keys.holds("second"));
    }

    @Test
    void unknownKeysCostAtMostOneFetchPerInterval() {
        keys.fetchFor("first");
        fetched(FIRST);
        for (int i = 0; i < 100; i++) {
            assertNull(keys.fetchFor("invented-" + i), "checked against the keys held");
        }
        assertEquals(1, fetches.size());
    }

    @Test
    void aFailedFetchKeepsTheKeysHeld() {
        keys.fetchFor("first");
        fetched(FIRST);
        nowNanos += RealmKeys.MIN_FETCH_INTERVAL_NANOS;
        keys.fetchFor("second");
        fetches.get(1).completeExceptionally(new java.io.IOException("Keycloak is down"));
        assertTrue(keys.holds("first"));
    }

    @Test
    void oldKeysAreRefetchedInTheBackgroundWhileTheyKeepServing() {
        keys.fetchFor("first");
        fetched(FIRST);
        nowNanos += RealmKeys.MAX_AGE_NANOS + 1;
        assertNull(keys.fetchFor("first"), "the held key serves at once");
        assertEquals(2, fetches.size());
    }
}
