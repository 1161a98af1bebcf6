package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionWriteCheckTest {

    private static final String HOST = "127.0.0.1:8080";

    @Test
    void theAdminPagesChangeIsTaken() {
        assertDoesNotThrow(() -> SessionWriteCheck.check("PUT", "application/json", "1", "http://127.0.0.1:8080", HOST));
    }

    @Test
    void aChangeWithoutOriginIsTakenWhenItCarriesTheMarkerAndJson() {
        assertDoesNotThrow(() -> SessionWriteCheck.check("POST", "application/json; charset=utf-8", "1", null, HOST));
    }

    @Test
    void readsAreNotChecked() {
        assertDoesNotThrow(() -> SessionWriteCheck.check("GET", null, null, "https://evil.example", HOST));
    }

    @Test
    void aChangeWithoutTheMarkerIsRefused() {
        assertRefused("PUT", "application/json", null, "http://127.0.0.1:8080");
    }

    @Test
    void aFormPostIsRefused() {
        assertRefused("POST", "text/plain", "1", "http://127.0.0.1:8080");
    }

    @Test
    void aChangeFromAnotherOriginIsRefused() {
        assertRefused("PUT", "application/json", "1", "http://evil.example:8080");
    }

    @Test
    void aChangeFromAnOpaqueOriginIsRefused() {
        assertRefused("PUT", "application/json", "1", "null");
    }

    private static void assertRefused(String method, String contentType, String marker, String origin) {
        GatewayException refused = assertThrows(GatewayException.class,
                () -> SessionWriteCheck.check(method, contentType, marker, origin, HOST));
        assertEquals(403, refused.status());
    }
}
