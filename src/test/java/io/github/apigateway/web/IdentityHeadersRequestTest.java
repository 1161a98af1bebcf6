package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class IdentityHeadersRequestTest {

    private static final Identity ALICE = new Identity("user-1", "alice", Set.of("user", "admin"), "cli", "premium",
            Identity.Credential.BEARER_TOKEN);

    private static final HttpServletRequest INCOMING = requestWith(Map.of(
            "X-User-Id", List.of("forged-id"),
            "x-user-tier", List.of("premium"),
            "X-Client-Id", List.of("forged-client"),
            "X-User-Anything", List.of("forged"),
            "X-API-Key", List.of("secret-key"),
            "Accept", List.of("application/json"),
            "X-Forwarded-For", List.of("203.0.113.1", "10.0.0.1")));

    private static HttpServletRequest requestWith(Map<String, List<String>> headers) {
        return HeadersOnlyRequest.with(headers);
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }

    private static List<String> names(HttpServletRequest request) {
        return Collections.list(request.getHeaderNames());
    }

    private static void assertNames(Set<String> expected, HttpServletRequest request) {
        List<String> names = names(request);
        assertEquals(expected, Set.copyOf(names));
        assertEquals(expected.size(), names.size(), names.toString());
    }

    @Test
    void withoutAnIdentityTheClientsIdentityHeadersAreHidden() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, null, null);
        for (String name : List.of("X-User-Id", "x-user-tier", "X-Client-Id", "X-User-Anything", "X-USER-ID", "x-client-id")) {
            assertNull(request.getHeader(name), name);
            assertEquals(List.of(), headers(request, name), name);
        }
    }

    @Test
    void withoutAnIdentityTheClientsIdentityHeadersAreNotListed() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, null, null);
        assertNames(Set.of("X-API-Key", "Accept", "X-Forwarded-For"), request);
    }

    @Test
    void withAnIdentityTheGatewaysValuesReplaceTheClients() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, ALICE, null);
        assertEquals("user-1", request.getHeader("X-User-Id"));
        assertEquals("alice", request.getHeader("X-User-Name"));
        assertEquals("admin,user", request.getHeader("X-User-Roles"));
        assertEquals("cli", request.getHeader("X-Client-Id"));
        assertEquals("premium", request.getHeader("X-User-Tier"));
        assertNull(request.getHeader("X-User-Anything"));
        assertEquals(List.of("user-1"), headers(request, "X-User-Id"));
    }

    @Test
    void theGatewaysValuesAreFoundInAnyLetterCase() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, ALICE, null);
        assertEquals("user-1", request.getHeader("x-user-id"));
        assertEquals("cli", request.getHeader("X-CLIENT-ID"));
        assertEquals(List.of("premium"), headers(request, "x-User-tier"));
    }

    @Test
    void withAnIdentityOnlyTheGatewaysIdentityHeadersAreListed() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, ALICE, null);
        assertNames(Set.of("X-API-Key", "Accept", "X-Forwarded-For", "X-User-Id", "X-User-Name", "X-User-Roles",
                "X-Client-Id", "X-User-Tier"), request);
    }

    @Test
    void identityHeadersWithoutAValueAreLeftOut() {
        Identity keyCaller = new Identity("job", null, Set.of(), "job", null, Identity.Credential.API_KEY);
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, keyCaller, "X-API-Key");
        assertNull(request.getHeader("X-User-Name"));
        assertNull(request.getHeader("x-user-tier"));
        assertEquals(List.of(), headers(request, "X-User-Tier"));
        assertEquals("", request.getHeader("X-User-Roles"));
    }

    @Test
    void theConsumedApiKeyHeaderIsHidden() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, ALICE, "X-API-Key");
        assertNull(request.getHeader("X-API-Key"));
        assertNull(request.getHeader("x-api-key"));
        assertEquals(List.of(), headers(request, "X-Api-Key"));
        assertFalse(names(request).contains("X-API-Key"));
    }

    @Test
    void otherHeadersPassThrough() {
        IdentityHeadersRequest request = new IdentityHeadersRequest(INCOMING, ALICE, "X-API-Key");
        assertEquals("application/json", request.getHeader("accept"));
        assertEquals(List.of("203.0.113.1", "10.0.0.1"), headers(request, "X-Forwarded-For"));
    }
}
