package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallPathTest {

    private static final Map<CallPath.Source, String> CALLER = Map.of(
            CallPath.Source.USER_ID, "u-1", CallPath.Source.USER_NAME, "ann", CallPath.Source.CLIENT_ID, "web",
            CallPath.Source.REQUEST_ID, "req-7");

    private static String expand(String template, String... segments) {
        return CallPath.parse(template).expand(placeholder -> placeholder.source() == CallPath.Source.PATH_SEGMENT
                ? segments[placeholder.segment() - 1] : CALLER.get(placeholder.source()));
    }

    private static String refusal(String template) {
        return assertThrows(IllegalArgumentException.class, () -> CallPath.parse(template)).getMessage();
    }

    @Test
    void aPathWithoutPlaceholdersIsKeptAsWritten() {
        assertEquals("/health?full=1", expand("/health?full=1"));
    }

    @Test
    void theCallersValuesFillTheirPlaceholders() {
        assertEquals("/users/u-1/ann?client=web&request=req-7",
                expand("/users/${user.id}/${user.name}?client=${client.id}&request=${request.id}"));
    }

    @Test
    void pathSegmentsCountFromOneAfterTheRoutesPrefix() {
        assertEquals("/items/42/parts/7", expand("/items/${path.1}/parts/${path.2}", "42", "7"));
    }

    @Test
    void aValueIsEncodedSoThatItStaysOneSegmentOrOneQueryValue() {
        assertEquals("/items/a%2F..%2Fb%3Fx%3D1%26y/x?q=%20%23%C3%A9",
                expand("/items/${path.1}/x?q=${path.2}", "a/../b?x=1&y", " #é"));
    }

    @Test
    void theSegmentsNeededAreTheHighestPathPlaceholder() {
        assertEquals(3, CallPath.parse("/a/${path.3}/${path.1}").segmentsNeeded());
        assertEquals(0, CallPath.parse("/users/${user.id}").segmentsNeeded());
    }

    @Test
    void anUnknownPlaceholderIsRefusedWithTheKnownOnes() {
        assertEquals("has an unknown placeholder '${user.email}'; use ${user.id}, ${user.name}, ${client.id}, "
                + "${request.id} or ${path.N} (N from 1)", refusal("/u/${user.email}"));
    }

    @Test
    void pathZeroIsRefusedBecauseSegmentsCountFromOne() {
        assertEquals("has '${path.0}': path segments count from 1", refusal("/u/${path.0}"));
    }

    @Test
    void anUnclosedPlaceholderIsRefused() {
        assertEquals("has a '${' without its '}'", refusal("/u/${user.id"));
    }

    @Test
    void aPathMustStartWithASlash() {
        assertEquals("must start with '/'", refusal("users/${user.id}"));
    }

    @Test
    void aFragmentOrASpaceIsRefused() {
        assertEquals("must be a path and query without fragment, spaces, control or non-ASCII characters",
                refusal("/users #x"));
    }
}
