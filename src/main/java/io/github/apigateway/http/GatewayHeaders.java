package io.github.apigateway.http;

import java.util.Locale;

/** Names of the headers the gateway itself sets or reads, shared by every layer. */
public final class GatewayHeaders {

    /** Echoed on every response and forwarded upstream (the incoming id when well-formed, else a new one). */
    public static final String REQUEST_ID = "X-Request-Id";

    private GatewayHeaders() {
    }

    /**
     * The caller's identity as the gateway tells it to upstreams ({@code X-User-*}, {@code X-Client-Id}):
     * the client's own are removed, the gateway's set, and nothing the client sends takes those away.
     */
    public static boolean isIdentityHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("x-user-") || lower.equals("x-client-id");
    }
}
