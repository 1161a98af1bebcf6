package io.github.apigateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refresh claim and the keeping of its result, as the member that owns a session runs them. */
class ClaimRefreshTest {

    private static final BrowserSession LOGIN = new BrowserSession("access", "refresh-1", "id", Instant.now().plusSeconds(10));
    private static final BrowserSession REFRESHED = new BrowserSession("access-2", "refresh-2", "id", Instant.now().plusSeconds(300));

    private final MemorySessionStore store = new MemorySessionStore();

    private String session(BrowserSession login) {
        String id = SessionIds.next();
        store.sessions.put(id, StoredSession.startedAt(login, 1_000));
        return id;
    }

    private StoredSession claim(String id, String refreshToken, String claim, long claimMillis) {
        return new ClaimRefresh(refreshToken, claim, claimMillis).process(store.entry(id));
    }

    @Test
    void theFirstNodeToAskGetsTheClaim() {
        String id = session(LOGIN);
        assertEquals("node-a", claim(id, "refresh-1", "node-a", 10_000).refreshClaim());
    }

    @Test
    void aSecondNodeFindsTheClaimTakenWhileItRuns() {
        String id = session(LOGIN);
        claim(id, "refresh-1", "node-a", 10_000);
        assertEquals("node-a", claim(id, "refresh-1", "node-b", 10_000).refreshClaim());
    }

    @Test
    void aClaimLapsesSoANodeThatDiedHoldsItNoLonger() {
        String id = session(LOGIN);
        claim(id, "refresh-1", "node-a", -1);
        assertEquals("node-b", claim(id, "refresh-1", "node-b", 10_000).refreshClaim());
    }

    @Test
    void aLoginRefreshedAlreadyIsNotClaimedAgain() {
        String id = session(REFRESHED);
        StoredSession after = claim(id, "refresh-1", "node-a", 10_000);
        assertNull(after.refreshClaim());
        assertEquals(REFRESHED, after.login());
    }

    @Test
    void anEndedSessionCannotBeClaimed() {
        assertNull(claim(SessionIds.next(), "refresh-1", "node-a", 10_000));
    }

    @Test
    void theRefreshedLoginIsKeptWithTheSessionsStartAndWithoutTheClaim() {
        String id = session(LOGIN);
        claim(id, "refresh-1", "node-a", 10_000);
        assertTrue(new KeepRefreshed("refresh-1", REFRESHED).process(store.entry(id)));
        assertEquals(new StoredSession(REFRESHED, 1_000, null, 0), store.sessions.get(id));
    }

    @Test
    void aRefreshDoesNotBringBackASessionThatEndedMeanwhile() {
        String id = session(LOGIN);
        store.sessions.remove(id);
        assertFalse(new KeepRefreshed("refresh-1", REFRESHED).process(store.entry(id)));
        assertNull(store.sessions.get(id));
    }
}
