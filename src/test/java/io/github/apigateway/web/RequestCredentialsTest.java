package io.github.apigateway.web;

import io.github.apigateway.auth.Credentials;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestCredentialsTest {

    /** A request that answers only the two header readers, from a case-insensitive map. */
    private static HttpServletRequest requestWith(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> byName.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(byName.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void everyAuthorizationValueIsKeptInOrder() {
        Credentials credentials = RequestCredentials.of(requestWith(Map.of("authorization", List.of("Bearer a", "Basic b"))),
                null);
        assertEquals(List.of("Bearer a", "Basic b"), credentials.authorization());
    }

    @Test
    void noAuthorizationHeaderIsNoValue() {
        assertEquals(List.of(), RequestCredentials.of(requestWith(Map.of()), "X-API-Key").authorization());
    }

    @Test
    void theApiKeyComesFromTheConfiguredHeaderInAnyLetterCase() {
        Credentials credentials = RequestCredentials.of(requestWith(Map.of("x-api-key", List.of("secret-key"))), "X-API-Key");
        assertEquals("secret-key", credentials.apiKey());
    }

    @Test
    void withoutConfiguredApiKeysNoHeaderIsReadAsOne() {
        Credentials credentials = RequestCredentials.of(requestWith(Map.of("X-API-Key", List.of("secret-key"))), null);
        assertNull(credentials.apiKey());
    }
}
