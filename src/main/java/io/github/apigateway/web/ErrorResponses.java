package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import io.github.apigateway.http.JsonText;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one place that writes the gateway's own error responses, in the contract's JSON shape:
 * {@code {"status": 502, "error": "bad_gateway", "message": "...", "request_id": "..."}}.
 */
public final class ErrorResponses {

    public static final String CONTENT_TYPE = "application/json";

    private ErrorResponses() {
    }

    public static byte[] body(GatewayException error, String requestId) {
        String json = "{\"status\":" + error.status()
                + ",\"error\":" + JsonText.quote(error.error())
                + ",\"message\":" + JsonText.quote(error.getMessage())
                + ",\"request_id\":" + JsonText.quote(requestId) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Sets status and headers of an error on a response that is not committed, and returns its body. */
    public static byte[] prepare(HttpServletResponse response, GatewayException error, String requestId) {
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        byte[] body = body(error, requestId);
        response.setContentLength(body.length);
        return body;
    }

    /** Writes an error with blocking I/O; a response already committed is left alone. */
    public static void send(HttpServletResponse response, GatewayException error, String requestId) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        byte[] body = prepare(response, error, requestId);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
