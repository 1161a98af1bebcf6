package io.github.apigateway.auth;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Browser sessions in a Hazelcast map shared by every gateway node, so a login started on one node
 * completes on any other and a session works on all of them. Entries expire by themselves: max-idle is
 * the idle timeout, the time-to-live the maximum age ({@link SessionTimeouts}); the map is bounded per
 * member, least recently used first. Changes to a live session are entry processors on the member that
 * owns it, so nodes never race each other.
 *
 * <p>No caller ever waits: answers arrive on the gateway's own timer thread (not Hazelcast's, nor the
 * common fork-join pool), and every call fails with a 503 after {@link #DEADLINE}.
 */
public final class ClusterSessionStore implements SessionStore {

    public static final String MAP_NAME = "gateway-browser-sessions";
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Sessions per member (backups included) before the least recently used end. */
    static final int MAX_SESSIONS_PER_MEMBER = 50_000;

    private final IMap<String, StoredSession> sessions;
    private final SessionTimeouts timeouts;
    private final ScheduledExecutorService timer;

    ClusterSessionStore(HazelcastInstance hazelcast, SessionTimeouts timeouts, ScheduledExecutorService timer) {
        this.sessions = hazelcast.getMap(MAP_NAME);
        this.timeouts = timeouts;
        this.timer = timer;
    }

    /** The Compact serializers of what this store keeps in the cluster and sends to it. */
    public static List<CompactSerializer<?>> serializers() {
        return List.of(new StoredSessionSerializer(), new ClaimRefresh.Serializer(), new KeepRefreshed.Serializer());
    }

    /**
     * The session map as the gateway needs it, for a {@code hazelcast.xml} that does not declare it: one
     * synchronous backup (a member's crash logs no one out), the timeouts as defaults for every entry, and a
     * bound.
     *
     * @param browser the config's browser settings, null without browser logins
     */
    public static MapConfig mapConfig(BrowserSettings browser) {
        Duration idle = browser == null ? BrowserSettings.DEFAULT_SESSION_IDLE_TIMEOUT : browser.sessionIdleTimeout();
        Duration maxAge = browser == null ? BrowserSettings.DEFAULT_SESSION_MAX_AGE : browser.sessionMaxAge();
        return new MapConfig(MAP_NAME)
                .setBackupCount(1)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setMaxIdleSeconds((int) idle.toSeconds())
                .setTimeToLiveSeconds((int) maxAge.toSeconds())
                .setStatisticsEnabled(false)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                        .setSize(MAX_SESSIONS_PER_MEMBER));
    }

    @Override
    public CompletableFuture<StoredSession> load(String id) {
        return withinDeadline(sessions.getAsync(id));
    }

    @Override
    public CompletableFuture<Void> create(String id, StoredSession session) {
        long ttl = timeouts.timeToLiveMillis(session.createdAtMillis(), System.currentTimeMillis());
        return withinDeadline(sessions.setAsync(id, session, ttl, TimeUnit.MILLISECONDS,
                timeouts.idle().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public CompletableFuture<StoredSession> take(String id) {
        return withinDeadline(sessions.removeAsync(id));
    }

    @Override
    public void forget(String id) {
        sessions.deleteAsync(id);
    }

    @Override
    public CompletableFuture<StoredSession> claimRefresh(String id, String refreshToken, String claim, Duration claimFor) {
        return withinDeadline(sessions.submitToKey(id, new ClaimRefresh(refreshToken, claim, claimFor.toMillis())));
    }

    @Override
    public CompletableFuture<Boolean> keepRefreshed(String id, String refreshedFrom, BrowserSession refreshed) {
        return withinDeadline(sessions.submitToKey(id, new KeepRefreshed(refreshedFrom, refreshed)));
    }

    private <T> CompletableFuture<T> withinDeadline(CompletionStage<T> call) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(() -> answer.completeExceptionally(unavailable()),
                DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        call.whenCompleteAsync((value, failure) -> {
            deadline.cancel(false);
            if (failure != null) {
                answer.completeExceptionally(unavailable());
            } else {
                answer.complete(value);
            }
        }, timer);
        return answer;
    }

    private static GatewayException unavailable() {
        return new GatewayException(503, "service_unavailable", "The session store did not answer in time.");
    }
}
