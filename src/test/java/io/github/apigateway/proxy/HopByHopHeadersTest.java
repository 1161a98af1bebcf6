package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HopByHopHeadersTest {

    private static final HopByHopHeaders NO_CONNECTION = HopByHopHeaders.of(List.of());

    private static void assertHopByHop(HopByHopHeaders headers, String... names) {
        for (String name : names) {
            assertTrue(headers.contains(name), name);
        }
    }

    private static void assertEndToEnd(HopByHopHeaders headers, String... names) {
        for (String name : names) {
            assertFalse(headers.contains(name), name);
        }
    }

    @Test
    void theFixedSetIsHopByHopInAnyLetterCase() {
        assertHopByHop(NO_CONNECTION, "Connection", "keep-alive", "PROXY-CONNECTION", "te", "Trailer",
                "transfer-encoding", "Upgrade", "proxy-authorization", "Proxy-Authenticate");
    }

    @Test
    void endToEndHeadersAreNotHopByHop() {
        assertEndToEnd(NO_CONNECTION, "Content-Type", "Content-Length", "Authorization", "Set-Cookie", "Host",
                "X-Forwarded-For", "Trailers", "TE2");
    }

    @Test
    void headersNamedInConnectionAreHopByHop() {
        HopByHopHeaders headers = HopByHopHeaders.of(List.of("close, X-Session-Hint"));
        assertHopByHop(headers, "X-Session-Hint", "x-session-hint", "close");
        assertEndToEnd(headers, "X-Other");
    }

    @Test
    void severalConnectionValuesAreAllRead() {
        assertHopByHop(HopByHopHeaders.of(List.of("X-A", "x-b,X-C")), "X-A", "X-B", "X-C");
    }

    @Test
    void whitespaceAndEmptyTokensInConnectionAreIgnored() {
        HopByHopHeaders headers = HopByHopHeaders.of(List.of("  X-A ,\tX-B,, ,"));
        assertHopByHop(headers, "X-A", "X-B");
        assertEndToEnd(headers, "", " ");
    }

    @Test
    void theFixedSetStaysHopByHopWhenConnectionNamesOthers() {
        assertHopByHop(HopByHopHeaders.of(List.of("X-A")), "Upgrade");
    }
}
