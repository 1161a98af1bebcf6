package io.github.apigateway.auth;

import io.github.apigateway.config.BrowserSettings;

import java.time.Duration;

/**
 * How long a browser session lasts: it ends when unused for {@code idle}, and {@code maxAge} after it
 * began however busy it was. The cluster map enforces both per entry: the idle timeout as the entry's
 * max-idle, the maximum age as its time-to-live, given when the entry is written and kept by every later
 * change (entry processors leave the expiry as it is), so a refresh never extends a session.
 */
record SessionTimeouts(Duration idle, Duration maxAge) {

    static SessionTimeouts of(BrowserSettings settings) {
        return new SessionTimeouts(settings.sessionIdleTimeout(), settings.sessionMaxAge());
    }

    /**
     * The time-to-live a write of the session gives its entry: what is left of its maximum age, at least one
     * millisecond (Hazelcast reads 0 as "forever").
     */
    long timeToLiveMillis(long createdAtMillis, long nowMillis) {
        return Math.max(1, createdAtMillis + maxAge.toMillis() - nowMillis);
    }
}
