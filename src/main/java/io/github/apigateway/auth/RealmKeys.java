package io.github.apigateway.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The realm's signing keys, as nimbus asks for them when it checks a signature: always from memory, so a
 * check never waits on the network. Fetching happens beside it, without a request thread waiting:
 * {@link #fetchFor} starts a fetch when a token names a key not held (a first token, a rotated key) and
 * hands back the fetch to wait for; at most one fetch runs at a time and at most one starts in
 * {@link #MIN_FETCH_INTERVAL_NANOS}, so a flood of tokens with invented key ids costs a few fetches. Keys
 * older than {@link #MAX_AGE_NANOS} are refetched in the background while the old ones keep serving;
 * a failed fetch keeps the keys held (Keycloak down does not stop tokens it signed before).
 *
 * <p>Thread-safe: the key set is an immutable snapshot in a volatile field, replaced whole; the fetch in
 * flight is claimed with compare-and-set.
 */
final class RealmKeys implements JWKSource<SecurityContext> {

    static final long MIN_FETCH_INTERVAL_NANOS = 5_000_000_000L;
    static final long MAX_AGE_NANOS = 300_000_000_000L;

    private static final System.Logger LOG = System.getLogger(RealmKeys.class.getName());

    private final Supplier<CompletableFuture<JWKSet>> fetcher;
    private final LongSupplier nanoClock;
    private final AtomicReference<CompletableFuture<Void>> fetching = new AtomicReference<>();
    private volatile JWKSet keys;
    private volatile long fetchedAtNanos;
    private volatile long lastFetchStartedNanos;

    /** @param fetcher fetches the realm's JWKS, without blocking; its future fails when it cannot */
    RealmKeys(Supplier<CompletableFuture<JWKSet>> fetcher, LongSupplier nanoClock) {
        this.fetcher = fetcher;
        this.nanoClock = nanoClock;
        this.lastFetchStartedNanos = nanoClock.getAsLong() - MIN_FETCH_INTERVAL_NANOS;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet current = keys;
        if (current == null) {
            throw new KeySourceException("The realm's keys could not be fetched yet");
        }
        return selector.select(current);
    }

    /**
     * A fetch to wait for before a token signed with {@code keyId} can be checked, or null when it can be
     * checked now: the key is held, or the keys were fetched too recently to ask again (the token is then
     * checked against the keys held, and fails if its key is not among them).
     *
     * @param keyId the token's {@code kid}; null for a token that names none
     */
    CompletableFuture<Void> fetchFor(String keyId) {
        JWKSet current = keys;
        long now = nanoClock.getAsLong();
        if (current != null && (keyId == null || current.getKeyByKeyId(keyId) != null)) {
            if (now - fetchedAtNanos > MAX_AGE_NANOS) {
                fetch(now);
            }
            return null;
        }
        return fetch(now);
    }

    /** Whether a key with this id is held now. */
    boolean holds(String keyId) {
        JWKSet current = keys;
        return current != null && current.getKeyByKeyId(keyId) != null;
    }

    private CompletableFuture<Void> fetch(long now) {
        CompletableFuture<Void> running = fetching.get();
        if (running != null) {
            return running;
        }
        if (now - lastFetchStartedNanos < MIN_FETCH_INTERVAL_NANOS) {
            return null;
        }
        CompletableFuture<Void> fetch = new CompletableFuture<>();
        if (!fetching.compareAndSet(null, fetch)) {
            return fetching.get();
        }
        lastFetchStartedNanos = now;
        fetcher.get().whenComplete((fetched, failure) -> {
            if (failure == null) {
                keys = fetched;
                fetchedAtNanos = nanoClock.getAsLong();
            } else {
                LOG.log(System.Logger.Level.WARNING, "The realm's keys could not be fetched; keeping "
                        + (keys == null ? "none" : keys.size() + " held"), failure);
            }
            fetching.set(null);
            fetch.complete(null);
        });
        return fetch;
    }
}
