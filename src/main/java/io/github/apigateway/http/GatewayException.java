package io.github.apigateway.http;

import java.util.Map;

/**
 * A request the gateway answers itself, with a status and a stable error code; the web layer
 * turns it into the contract's JSON error. The message is shown to the client, so it never holds
 * internal detail.
 */
public final class GatewayException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public GatewayException(int status, String error, String message) {
        this(status, error, message, Map.of());
    }

    public GatewayException(int status, String error, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static GatewayException badRequest(String message) {
        return new GatewayException(400, "bad_request", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Headers the answer must carry, such as {@code Allow} on a 405. */
    public Map<String, String> headers() {
        return headers;
    }
}
