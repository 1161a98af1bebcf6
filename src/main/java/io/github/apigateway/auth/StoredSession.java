package io.github.apigateway.auth;

/**
 * One browser session as the cluster keeps it, under the session's cookie value: the login state, when
 * the session began (for its maximum age), and which node is refreshing its tokens, if one is. Stored with
 * Hazelcast Compact serialization ({@link StoredSessionSerializer}), never as a Java-serialised object.
 *
 * @param createdAtMillis           when the session began, epoch milliseconds
 * @param refreshClaim              the claim of the node refreshing the tokens, null when none is
 * @param refreshClaimedUntilMillis when that claim lapses (epoch milliseconds on the key owner's clock); 0 without one
 */
record StoredSession(LoginState state, long createdAtMillis, String refreshClaim, long refreshClaimedUntilMillis) {

    static StoredSession startedAt(LoginState state, long createdAtMillis) {
        return new StoredSession(state, createdAtMillis, null, 0);
    }

    /** The completed login, or null while a login is under way. */
    BrowserSession login() {
        return state instanceof BrowserSession login ? login : null;
    }

    /** Whether this session's login would be refreshed with {@code refreshToken}. */
    boolean refreshesWith(String refreshToken) {
        BrowserSession login = login();
        return login != null && refreshToken.equals(login.refreshToken());
    }

    boolean refreshClaimedAt(long nowMillis) {
        return refreshClaim != null && refreshClaimedUntilMillis > nowMillis;
    }

    StoredSession claimedBy(String claim, long untilMillis) {
        return new StoredSession(state, createdAtMillis, claim, untilMillis);
    }

    /** The same session with refreshed tokens and no claim left on it. */
    StoredSession refreshedTo(BrowserSession refreshed) {
        return new StoredSession(refreshed, createdAtMillis, null, 0);
    }
}
