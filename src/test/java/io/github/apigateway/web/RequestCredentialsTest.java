package io.github.apigateway.web;

import io.github.apigateway.auth.Credentials;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestCredentialsTest {

    private static HttpServletRequest requestWith(Map<String, List<String>> headers) {
        return HeadersOnlyRequest.with(headers);
    }

    @Test
    void everyAuthorizationValueIsKeptInOrder() {
        Credentials credentials = RequestCredentials.of(requestWith(Map.of("authorization", List.of("Bearer a", "Basic b"))),
                null, null);
        assertEquals(List.of("Bearer a", "Basic b"), credentials.authorization());
    }

    @Test
    void noAuthorizationHeaderIsNoValue() {
        assertEquals(List.of(), RequestCredentials.of(requestWith(Map.of()), "X-API-Key", null).authorization());
    }

    @Test
    void theApiKeyComesFromTheConfiguredHeaderInAnyLetterCase() {
        Credentials credentials = RequestCredentials.of(requestWith(Map.of("x-api-key", List.of("secret-key"))), "X-API-Key", null);
        assertEquals("secret-key", credentials.apiKey());
    }

    @Test
    void withoutConfiguredApiKeysNoHeaderIsReadAsOne() {
        Credentials credentials = RequestCredentials.of(requestWith(Map.of("X-API-Key", List.of("secret-key"))), null, null);
        assertNull(credentials.apiKey());
    }
}
