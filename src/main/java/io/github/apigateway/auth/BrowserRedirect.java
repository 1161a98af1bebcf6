package io.github.apigateway.auth;

import java.util.Map;

/**
 * What a browser login step asks the web layer to send: a redirect to {@code location}, with
 * {@link #headers()}, after applying the session change. The redirect carries a fresh {@code state}
 * or ends a login, so no cache may keep it.
 */
public record BrowserRedirect(String location, SessionChange sessionChange) {

    private static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store");

    /** What happens to the browser's session before the redirect is sent. */
    public enum SessionChange {
        KEEP,
        /** A new session id for the same state: an id planted before the login is worthless (session fixation). */
        NEW_ID,
        /** The session ends with its state. */
        END
    }

    public Map<String, String> headers() {
        return HEADERS;
    }
}
