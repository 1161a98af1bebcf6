package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;

import java.net.URI;
import java.util.Locale;

/**
 * Cross-site request forgery: a change the admin API takes on the strength of a browser's session cookie
 * (not a bearer token) must come from the admin page itself, not from another site open in the admin's
 * browser. The page sends {@code Content-Type: application/json} and {@code X-Gateway-Admin: 1}, which a
 * page of another origin cannot send without a CORS preflight that the gateway never grants; and a
 * browser that names the page's {@code Origin} must name this gateway's host. (The session cookie is
 * {@code SameSite=Lax} too, so browsers do not send it with another site's PUT or POST at all.)
 */
final class SessionWriteCheck {

    static final String HEADER = "X-Gateway-Admin";

    private SessionWriteCheck() {
    }

    /**
     * @param contentType the request's {@code Content-Type}, null when absent
     * @param marker      the value of {@code X-Gateway-Admin}, null when absent
     * @param origin      the value of {@code Origin}, null when absent
     * @param host        the value of {@code Host}
     * @throws GatewayException 403 when the change may come from another site
     */
    static void check(String method, String contentType, String marker, String origin, String host) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return;
        }
        if (!"1".equals(marker) || !isJson(contentType)) {
            throw new GatewayException(403, "forbidden", "A change made with a browser login needs Content-Type: "
                    + "application/json and " + HEADER + ": 1, as the admin page sends them.");
        }
        if (origin != null && !isHost(origin, host)) {
            throw new GatewayException(403, "forbidden", "A change made with a browser login must come from the gateway's own page.");
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** Whether the origin ({@code scheme://host[:port]}, or {@code null} for an opaque one) is at the {@code Host} named. */
    private static boolean isHost(String origin, String host) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
