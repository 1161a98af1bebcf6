package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer of the admin API, made wherever its result arrived (a Hazelcast callback, the timer) and
 * written on a container thread after the request is dispatched back.
 */
record AdminAnswer(int status, Map<String, String> headers, String json) {

    static AdminAnswer ok(String json, Map<String, String> headers) {
        return new AdminAnswer(200, headers, json);
    }

    static AdminAnswer error(GatewayException error, String requestId) {
        return new AdminAnswer(error.status(), error.headers(), new String(ErrorResponses.body(error, requestId), StandardCharsets.UTF_8));
    }

    void send(HttpServletResponse response) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType(ErrorResponses.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
