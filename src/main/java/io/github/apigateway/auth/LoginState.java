package io.github.apigateway.auth;

/**
 * One browser's login state, opaque outside this package: a login under way ({@link PendingLogin}) or
 * a completed one ({@link BrowserSession}), never both, since a login starts in a session of its own and
 * completing it replaces that session. Kept in the cluster as a {@link StoredSession}.
 */
public sealed interface LoginState permits PendingLogin, BrowserSession {
}
