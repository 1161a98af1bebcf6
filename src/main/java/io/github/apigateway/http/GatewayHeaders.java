package io.github.apigateway.http;

/** Names of the headers the gateway itself sets or reads, shared by every layer. */
public final class GatewayHeaders {

    /** Echoed on every response and forwarded upstream (the incoming id when well-formed, else a new one). */
    public static final String REQUEST_ID = "X-Request-Id";

    private GatewayHeaders() {
    }
}
