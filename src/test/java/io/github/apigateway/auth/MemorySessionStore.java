package io.github.apigateway.auth;

import com.hazelcast.map.ExtendedMapEntry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** Sessions in this JVM, answered at once; entry processors run as the owning member runs them. */
final class MemorySessionStore implements SessionStore {

    final ConcurrentMap<String, StoredSession> sessions = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<StoredSession> load(String id) {
        return CompletableFuture.completedFuture(sessions.get(id));
    }

    @Override
    public CompletableFuture<Void> create(String id, StoredSession session) {
        sessions.put(id, session);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<StoredSession> take(String id) {
        return CompletableFuture.completedFuture(sessions.remove(id));
    }

    @Override
    public void forget(String id) {
        sessions.remove(id);
    }

    @Override
    public CompletableFuture<StoredSession> claimRefresh(String id, String refreshToken, String claim, Duration claimFor) {
        return CompletableFuture.completedFuture(new ClaimRefresh(refreshToken, claim, claimFor.toMillis()).process(entry(id)));
    }

    @Override
    public CompletableFuture<Boolean> keepRefreshed(String id, String refreshedFrom, BrowserSession refreshed) {
        return CompletableFuture.completedFuture(new KeepRefreshed(refreshedFrom, refreshed).process(entry(id)));
    }

    /** The entry an entry processor sees: setting its value writes the map. */
    ExtendedMapEntry<String, StoredSession> entry(String id) {
        return new ExtendedMapEntry<>() {
            @Override
            public String getKey() {
                return id;
            }

            @Override
            public StoredSession getValue() {
                return sessions.get(id);
            }

            @Override
            public StoredSession setValue(StoredSession value) {
                return sessions.put(id, value);
            }

            @Override
            public StoredSession setValue(StoredSession value, long ttl, TimeUnit unit) {
                return sessions.put(id, value);
            }

            @Override
            public StoredSession setValueWithoutChangingExpiryTime(StoredSession value) {
                return sessions.put(id, value);
            }
        };
    }
}
