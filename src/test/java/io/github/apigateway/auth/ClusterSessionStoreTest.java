package io.github.apigateway.auth;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.apigateway.cluster.IsolatedMembers;
import io.github.apigateway.config.BrowserSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sessions on a single isolated Hazelcast member, configured as the gateway configures it: what is
 * kept comes back as it was (Compact serialization), entry processors run on the member, sessions end.
 */
class ClusterSessionStoreTest {

    private static final Instant EXPIRES = Instant.ofEpochMilli(1_700_000_000_000L);

    private static HazelcastInstance hazelcast;
    private static ScheduledExecutorService timer;
    private static ClusterSessionStore store;

    @BeforeAll
    static void startMember() {
        Config config = IsolatedMembers.config("cluster-sessions-test");
        ClusterSessionStore.serializers().forEach(config.getSerializationConfig().getCompactSerializationConfig()::addSerializer);
        config.addMapConfig(ClusterSessionStore.mapConfig(null));
        hazelcast = Hazelcast.newHazelcastInstance(config);
        timer = Executors.newSingleThreadScheduledExecutor();
        store = storeWith(new SessionTimeouts(Duration.ofMinutes(30), Duration.ofHours(10)));
    }

    private static ClusterSessionStore storeWith(SessionTimeouts timeouts) {
        return new ClusterSessionStore(hazelcast, timeouts, timer);
    }

    @AfterAll
    static void stopMember() {
        timer.shutdownNow();
        hazelcast.shutdown();
    }

    private static StoredSession kept(StoredSession session) throws Exception {
        String id = SessionIds.next();
        store.create(id, session).get(5, TimeUnit.SECONDS);
        return store.load(id).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPendingLoginComesBackAsItWasKept() throws Exception {
        StoredSession pending = StoredSession.startedAt(new PendingLogin("state", "nonce", "verifier",
                "http://gw/_gateway/callback", "/app?x=1"), System.currentTimeMillis());
        assertEquals(pending, kept(pending));
    }

    @Test
    void aLoginComesBackAsItWasKept() throws Exception {
        StoredSession login = new StoredSession(new BrowserSession("access", "refresh", "id", EXPIRES), System.currentTimeMillis(), "claim", 3_000);
        assertEquals(login, kept(login));
    }

    @Test
    void aLoginWithoutRefreshOrIdTokenComesBackAsItWasKept() throws Exception {
        StoredSession login = StoredSession.startedAt(new BrowserSession("access", null, null, EXPIRES), System.currentTimeMillis());
        assertEquals(login, kept(login));
    }

    @Test
    void takingASessionEndsIt() throws Exception {
        String id = SessionIds.next();
        StoredSession session = StoredSession.startedAt(new BrowserSession("access", "refresh", "id", EXPIRES), System.currentTimeMillis());
        store.create(id, session).get(5, TimeUnit.SECONDS);
        assertEquals(session, store.take(id).get(5, TimeUnit.SECONDS));
        assertNull(store.take(id).get(5, TimeUnit.SECONDS), "only one caller gets it");
        assertNull(store.load(id).get(5, TimeUnit.SECONDS));
    }

    @Test
    void theRefreshClaimRunsOnTheMember() throws Exception {
        String id = SessionIds.next();
        store.create(id, StoredSession.startedAt(new BrowserSession("access", "refresh", "id", EXPIRES), System.currentTimeMillis()))
                .get(5, TimeUnit.SECONDS);
        assertEquals("node-a", store.claimRefresh(id, "refresh", "node-a", Duration.ofSeconds(10)).get(5, TimeUnit.SECONDS).refreshClaim());
        assertEquals("node-a", store.claimRefresh(id, "refresh", "node-b", Duration.ofSeconds(10)).get(5, TimeUnit.SECONDS).refreshClaim());
        BrowserSession refreshed = new BrowserSession("access-2", "refresh-2", "id", EXPIRES);
        assertTrue(store.keepRefreshed(id, "refresh", refreshed).get(5, TimeUnit.SECONDS));
        assertEquals(refreshed, store.load(id).get(5, TimeUnit.SECONDS).login());
    }

    @Test
    void aSessionEndsAtItsMaximumAgeEvenWhenUsed() throws Exception {
        ClusterSessionStore shortLived = storeWith(new SessionTimeouts(Duration.ofMinutes(30), Duration.ofSeconds(1)));
        String id = SessionIds.next();
        shortLived.create(id, StoredSession.startedAt(new BrowserSession("access", "refresh", "id", EXPIRES), System.currentTimeMillis()))
                .get(5, TimeUnit.SECONDS);
        assertTrue(shortLived.load(id).get(5, TimeUnit.SECONDS) != null);
        Thread.sleep(1_500);
        assertNull(shortLived.load(id).get(5, TimeUnit.SECONDS));
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeout() throws Exception {
        ClusterSessionStore idling = storeWith(new SessionTimeouts(Duration.ofSeconds(1), Duration.ofHours(1)));
        String id = SessionIds.next();
        idling.create(id, StoredSession.startedAt(new BrowserSession("access", "refresh", "id", EXPIRES), System.currentTimeMillis()))
                .get(5, TimeUnit.SECONDS);
        Thread.sleep(1_500);
        assertNull(idling.load(id).get(5, TimeUnit.SECONDS));
    }

    @Test
    void theMapDefaultsAreTheConfiguredTimeouts() {
        var config = ClusterSessionStore.mapConfig(BrowserSettings.forRealm(TestTokens.settings(), null, null)
                .withSessionTimeouts(Duration.ofMinutes(5), Duration.ofHours(2)));
        assertEquals(300, config.getMaxIdleSeconds());
        assertEquals(7_200, config.getTimeToLiveSeconds());
        assertEquals(ClusterSessionStore.MAX_SESSIONS_PER_MEMBER, config.getEvictionConfig().getSize());
    }
}
