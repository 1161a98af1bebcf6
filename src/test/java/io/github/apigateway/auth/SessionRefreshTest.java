package io.github.apigateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** One refresh per session in the cluster: what a node does when another node holds the refresh claim. */
class SessionRefreshTest {

    private final MemorySessionStore store = new MemorySessionStore();
    private final SessionRefresh refresh = TestTokens.refresh(store);

    private String sessionClaimedElsewhere(BrowserSession login) {
        String id = SessionIds.next();
        store.sessions.put(id, StoredSession.startedAt(login, System.currentTimeMillis())
                .claimedBy("another-node", System.currentTimeMillis() + 60_000));
        return id;
    }

    @Test
    void whileAnotherNodeRefreshesAStillValidAccessTokenIsUsedAsItIs() {
        BrowserSession login = new BrowserSession(TestTokens.aliceToken(), "refresh-1", "id", Instant.now().plusSeconds(10));
        assertEquals(login, refresh.refresh(sessionClaimedElsewhere(login), login).join());
    }

    @Test
    void anExpiredAccessTokenWaitsForTheLoginAnotherNodeRefreshed() throws Exception {
        BrowserSession expired = new BrowserSession(TestTokens.aliceToken(), "refresh-1", "id", Instant.now().minusSeconds(1));
        String id = sessionClaimedElsewhere(expired);
        CompletableFuture<BrowserSession> outcome = refresh.refresh(id, expired);
        Thread.sleep(300);
        assertFalse(outcome.isDone(), "the other node has not kept its refresh yet");
        BrowserSession refreshed = new BrowserSession(TestTokens.aliceToken(), "refresh-2", "id", Instant.now().plusSeconds(300));
        store.keepRefreshed(id, "refresh-1", refreshed).join();
        assertEquals(refreshed, outcome.get(2, TimeUnit.SECONDS));
    }

    @Test
    void anExpiredAccessTokenWhoseSessionEndedElsewhereEndsWithIt() throws Exception {
        BrowserSession expired = new BrowserSession(TestTokens.aliceToken(), "refresh-1", "id", Instant.now().minusSeconds(1));
        String id = sessionClaimedElsewhere(expired);
        CompletableFuture<BrowserSession> outcome = refresh.refresh(id, expired);
        store.take(id).join();
        assertNull(outcome.get(2, TimeUnit.SECONDS));
    }

    @Test
    void aLoginAnotherNodeRefreshedAlreadyIsTakenFromTheSession() {
        BrowserSession old = new BrowserSession(TestTokens.aliceToken(), "refresh-1", "id", Instant.now().plusSeconds(10));
        BrowserSession refreshed = new BrowserSession(TestTokens.aliceToken(), "refresh-2", "id", Instant.now().plusSeconds(300));
        String id = SessionIds.next();
        store.sessions.put(id, StoredSession.startedAt(refreshed, System.currentTimeMillis()));
        assertEquals(refreshed, refresh.refresh(id, old).join());
    }
}
