package io.github.apigateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * Bearer tokens that passed the full check, so a repeated token costs a SHA-256 and a map lookup
 * instead of a signature check.
 * <ul>
 * <li>Keyed by the token's SHA-256, never the token: the map holds nothing a caller could present.
 *     Comparing digests need not be constant-time, since learning a digest does not yield a token.</li>
 * <li>An entry is served only before the token's {@code exp}, checked on every read against the wall
 *     clock, which is what {@code exp} is measured in; Caffeine's own expiry at the same instant (on its
 *     monotonic ticker) only frees the memory. The clock skew the full check tolerates after {@code exp}
 *     is not stretched: from {@code exp} on, the token takes the full check again, which applies the skew
 *     exactly as without the cache, and a token already at or past {@code exp} is not cached.</li>
 * <li>Only successful checks are cached, so a flood of garbage tokens cannot fill it; at most
 *     {@link #MAXIMUM_SIZE} entries, beyond which Caffeine evicts those least likely to be asked for again.</li>
 * </ul>
 * What this trades away: a cached token is not checked against the JWKS again, so a token whose signing
 * key was removed from the realm's JWKS stays accepted until its {@code exp}. Without the cache it would
 * be accepted too, by any node that still holds the key in its JWKS cache (up to five minutes); with it,
 * for the token's remaining lifetime, which Keycloak keeps short.
 * <p>
 * Thread-safe: Caffeine's cache is a concurrent map. Its upkeep runs on the calling thread, so no work of
 * this web application lands in the JVM-wide common pool the container shares with others; and the
 * full check runs outside the map, so a slow JWKS fetch for one token never blocks lookups of others.
 */
final class VerifiedTokenCache {

    static final int MAXIMUM_SIZE = 100_000;

    private final InstantSource clock;
    private final Cache<ByteBuffer, VerifiedToken> entries;

    VerifiedTokenCache(int maximumSize, InstantSource clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((ByteBuffer key, VerifiedToken token) -> lifetimeLeft(token)))
                .executor(Runnable::run)
                .build();
    }

    /**
     * The caller the token names, from the cache or else from {@code fullCheck}, whose result is cached
     * when the token has not expired yet.
     *
     * @param fullCheck verifies the token, throwing when it is not valid
     */
    Identity verify(String token, Function<String, VerifiedToken> fullCheck) {
        ByteBuffer key = ByteBuffer.wrap(Sha256.of(token));
        VerifiedToken cached = entries.getIfPresent(key);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return cached.identity();
        }
        VerifiedToken verified = fullCheck.apply(token);
        if (clock.instant().isBefore(verified.expiresAt())) {
            entries.put(key, verified);
        }
        return verified.identity();
    }

    /** How many tokens the cache holds, after any due eviction. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private Duration lifetimeLeft(VerifiedToken token) {
        Duration left = Duration.between(clock.instant(), token.expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
