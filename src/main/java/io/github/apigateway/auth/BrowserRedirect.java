package io.github.apigateway.auth;

import java.util.Map;

/**
 * What a browser login step asks the web layer to send: a redirect to {@code location}, with
 * {@link #headers()}, and the session cookie the browser holds from then on. The redirect carries a fresh
 * {@code state} or ends a login, so no cache may keep it.
 *
 * @param sessionId the browser's new session id for {@link SessionChange#NEW_ID}; null for {@link SessionChange#END}
 */
public record BrowserRedirect(String location, SessionChange sessionChange, String sessionId) {

    private static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store");

    /** What happens to the browser's session cookie along with the redirect. */
    public enum SessionChange {
        /**
         * The browser holds a new session id: a login starts in a session of its own and ends in another, so an
         * id planted before the login is worthless (session fixation).
         */
        NEW_ID,
        /** The session ended; the browser forgets its cookie. */
        END
    }

    static BrowserRedirect toNewSession(String location, String sessionId) {
        return new BrowserRedirect(location, SessionChange.NEW_ID, sessionId);
    }

    static BrowserRedirect endingSession(String location) {
        return new BrowserRedirect(location, SessionChange.END, null);
    }

    public Map<String, String> headers() {
        return HEADERS;
    }
}
