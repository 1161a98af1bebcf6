package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorResponsesTest {

    private static String body(GatewayException error, String requestId) {
        return new String(ErrorResponses.body(error, requestId), StandardCharsets.UTF_8);
    }

    @Test
    void theBodyHasTheContractShape() {
        GatewayException error = new GatewayException(502, "bad_gateway", "The upstream refused the connection.");
        assertEquals("{\"status\":502,\"error\":\"bad_gateway\",\"message\":\"The upstream refused the connection.\","
                + "\"request_id\":\"f47ac10b-58cc-4372-a567-0e02b2c3d479\"}",
                body(error, "f47ac10b-58cc-4372-a567-0e02b2c3d479"));
    }

    @Test
    void theMessageIsEscaped() {
        GatewayException error = GatewayException.badRequest("bad \"path\"\n");
        assertEquals("{\"status\":400,\"error\":\"bad_request\",\"message\":\"bad \\\"path\\\"\\n\",\"request_id\":\"r-1\"}",
                body(error, "r-1"));
    }

    @Test
    void theBodyIsEncodedInUtf8() {
        GatewayException error = new GatewayException(404, "not_found", "Ü");
        assertArrayEquals("{\"status\":404,\"error\":\"not_found\",\"message\":\"Ü\",\"request_id\":\"r\"}"
                .getBytes(StandardCharsets.UTF_8), ErrorResponses.body(error, "r"));
    }

    @Test
    void aMissingRequestIdIsNull() {
        GatewayException error = new GatewayException(503, "unavailable", "m");
        assertEquals("{\"status\":503,\"error\":\"unavailable\",\"message\":\"m\",\"request_id\":null}",
                body(error, null));
    }
}
