package io.github.apigateway.config;

import io.github.apigateway.http.GatewayHeaders;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The headers a transform may neither set nor remove, because the gateway owns them: the caller's
 * identity, the forwarding headers, the request id, the rate limit headers, the hop-by-hop headers, and
 * those that frame the message (a changed {@code Content-Length} or {@code Host} would break it).
 */
final class OwnedHeaders {

    private static final Set<String> HOP_BY_HOP = caseInsensitive(GatewayHeaders.HOP_BY_HOP);
    private static final Set<String> FRAMING_REQUEST = caseInsensitive(List.of("Host", "Content-Length", "Expect"));
    private static final Set<String> SET_BY_THE_GATEWAY = caseInsensitive(List.of("Via", GatewayHeaders.REQUEST_ID));
    private static final Set<String> RATE_LIMIT = caseInsensitive(List.of(
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));

    private OwnedHeaders() {
    }

    /** @return why a request transform cannot touch the header, or null when it can */
    static String inRequest(String name) {
        if (GatewayHeaders.isIdentityHeader(name)) {
            return "is the caller's identity, which the gateway sets (X-User-*, X-Client-Id)";
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("x-forwarded-")) {
            return "is a forwarding header, which the gateway sets (X-Forwarded-*)";
        }
        if (FRAMING_REQUEST.contains(name)) {
            return "frames the request; the gateway sets it";
        }
        return common(name);
    }

    /** @return why a response transform cannot touch the header, or null when it can */
    static String inResponse(String name) {
        if (name.equalsIgnoreCase("Content-Length")) {
            return "frames the response; the gateway sets it";
        }
        if (RATE_LIMIT.contains(name)) {
            return "is a rate limit header, which the gateway sets";
        }
        return common(name);
    }

    private static String common(String name) {
        if (SET_BY_THE_GATEWAY.contains(name)) {
            return "is set by the gateway";
        }
        if (HOP_BY_HOP.contains(name)) {
            return "is a hop-by-hop header (RFC 9110 section 7.6.1), never forwarded";
        }
        return null;
    }

    private static Set<String> caseInsensitive(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return set;
    }
}
