package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HopByHopHeadersTest {

    private static final HopByHopHeaders NO_CONNECTION = HopByHopHeaders.of(List.of());

    @Test
    void theFixedSetIsHopByHopInAnyLetterCase() {
        for (String name : List.of("Connection", "keep-alive", "PROXY-CONNECTION", "te", "Trailer",
                "transfer-encoding", "Upgrade", "proxy-authorization", "Proxy-Authenticate")) {
            assertTrue(NO_CONNECTION.contains(name), name);
        }
    }

    @Test
    void endToEndHeadersAreNotHopByHop() {
        for (String name : List.of("Content-Type", "Content-Length", "Authorization", "Set-Cookie", "Host",
                "X-Forwarded-For", "Trailers", "TE2")) {
            assertFalse(NO_CONNECTION.contains(name), name);
        }
    }

    @Test
    void headersNamedInConnectionAreHopByHop() {
        HopByHopHeaders headers = HopByHopHeaders.of(List.of("close, X-Session-Hint"));
        assertTrue(headers.contains("X-Session-Hint"));
        assertTrue(headers.contains("x-session-hint"));
        assertTrue(headers.contains("close"));
        assertFalse(headers.contains("X-Other"));
    }

    @Test
    void severalConnectionValuesAreAllRead() {
        HopByHopHeaders headers = HopByHopHeaders.of(List.of("X-A", "x-b,X-C"));
        assertTrue(headers.contains("X-A"));
        assertTrue(headers.contains("X-B"));
        assertTrue(headers.contains("X-C"));
    }

    @Test
    void whitespaceAndEmptyTokensInConnectionAreIgnored() {
        HopByHopHeaders headers = HopByHopHeaders.of(List.of("  X-A ,\tX-B,, ,"));
        assertTrue(headers.contains("X-A"));
        assertTrue(headers.contains("X-B"));
        assertFalse(headers.contains(""));
        assertFalse(headers.contains(" "));
    }

    @Test
    void theFixedSetStaysHopByHopWhenConnectionNamesOthers() {
        assertTrue(HopByHopHeaders.of(List.of("X-A")).contains("Upgrade"));
    }
}
