package io.github.apigateway.http;

import java.util.List;

/** Names of the headers the gateway itself sets or reads, shared by every layer. */
public final class GatewayHeaders {

    /** Echoed on every response and forwarded upstream (the incoming id when well-formed, else a new one). */
    public static final String REQUEST_ID = "X-Request-Id";

    /**
     * RFC 9110 section 7.6.1: the headers that describe one connection, never forwarded in either
     * direction (besides those a message's own {@code Connection} names).
     */
    public static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection", "TE",
            "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate");

    private static final String USER_PREFIX = "X-User-";
    private static final String CLIENT_ID = "X-Client-Id";

    private GatewayHeaders() {
    }

    /**
     * The caller's identity as the gateway tells it to upstreams ({@code X-User-*}, {@code X-Client-Id}):
     * the client's own are removed, the gateway's set, and nothing the client sends takes those away.
     */
    public static boolean isIdentityHeader(String name) {
        // asked for every header of every request: compared in place, without a lower-cased copy
        return name.regionMatches(true, 0, USER_PREFIX, 0, USER_PREFIX.length()) || name.equalsIgnoreCase(CLIENT_ID);
    }
}
