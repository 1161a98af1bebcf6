package io.github.apigateway.auth;

/**
 * Where a browser's {@link LoginState} lives between its requests; an instance answers for the one
 * browser that sent the current request. The web layer keeps the state in the container's
 * {@code HttpSession}; a store in the cluster (one map entry per browser, keyed by a cookie) fits the
 * same three operations. Changes of the browser's session id are not made here but asked for by the
 * {@link BrowserRedirect} a login step returns, after the state is saved.
 */
public interface LoginStateStore {

    /** This browser's state, or null when it has none; never starts a session. */
    LoginState load();

    /** Keeps the state for this browser, replacing what it had, and starts its session when it has none. */
    void save(LoginState state);

    /** Forgets this browser's state; the session itself stays. */
    void clear();
}
