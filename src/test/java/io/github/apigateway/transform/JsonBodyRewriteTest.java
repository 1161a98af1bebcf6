package io.github.apigateway.transform;

import io.github.apigateway.config.JsonFieldRules;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 64 KiB decision: what the client gets of a body, and when. */
class JsonBodyRewriteTest {

    private static final JsonFieldRules RULES = JsonFieldRewriterTest.rules(List.of("items.secret"), Map.of());

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object larger than {@code size} bytes, its items each holding a secret. */
    private static String largeDocument(int size) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; json.length() < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"secret\":\"s\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void holdsEverythingBeforeTheFirst64KiB() throws BrokenJsonBody {
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        assertEquals(0, rewrite.accept(bytes("{\"items\":[{\"secret\":1}")).length);
        assertFalse(rewrite.decided());
    }

    @Test
    void aSmallBodyThatChangesIsReleasedRewrittenAtItsEnd() throws BrokenJsonBody {
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        rewrite.accept(bytes("{\"items\": [{\"secret\": 1, \"a\": 2}"));
        rewrite.accept(bytes("]}"));
        assertEquals("{\"items\":[{\"a\":2}]}", new String(rewrite.finish(), StandardCharsets.UTF_8));
        assertTrue(rewrite.changesBody());
    }

    @Test
    void aSmallBodyNoRuleTouchesPassesAsItsOriginalBytes() throws BrokenJsonBody {
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        rewrite.accept(bytes("{ \"items\" : [ 1 ] }"));
        assertEquals("{ \"items\" : [ 1 ] }", new String(rewrite.finish(), StandardCharsets.UTF_8));
        assertFalse(rewrite.changesBody());
    }

    @Test
    void aSmallBodyThatDoesNotParsePassesUnchangedAsSoonAsItBreaks() throws BrokenJsonBody {
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        assertEquals(0, rewrite.accept(bytes("{\"items\":[{\"secret\":1}")).length);
        assertEquals("{\"items\":[{\"secret\":1}{{", new String(rewrite.accept(bytes("{{")), StandardCharsets.UTF_8));
        assertArrayEquals(bytes("rest"), rewrite.accept(bytes("rest")));
        assertEquals(0, rewrite.finish().length);
        assertFalse(rewrite.changesBody());
    }

    @Test
    void aSmallBodyThatEndsTooEarlyPassesUnchanged() throws BrokenJsonBody {
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        rewrite.accept(bytes("{\"items\":[{\"secret\":1}"));
        assertEquals("{\"items\":[{\"secret\":1}", new String(rewrite.finish(), StandardCharsets.UTF_8));
    }

    @Test
    void aLargeBodyStreamsOnceTheFirst64KiBParsed() throws BrokenJsonBody {
        byte[] json = bytes(largeDocument(3 * JsonBodyRewrite.HELD_INPUT));
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = 1000;
        int offset = 0;
        for (; !rewrite.decided(); offset += chunk) {
            out.writeBytes(rewrite.accept(Arrays.copyOfRange(json, offset, offset + chunk)));
        }
        assertEquals(JsonBodyRewrite.HELD_INPUT / chunk + 1, offset / chunk);
        assertTrue(rewrite.changesBody());
        out.writeBytes(rewrite.accept(Arrays.copyOfRange(json, offset, json.length)));
        out.writeBytes(rewrite.finish());
        String result = out.toString(StandardCharsets.UTF_8);
        assertFalse(result.contains("secret"));
        assertTrue(result.endsWith("}]}"), result.substring(result.length() - 20));
    }

    @Test
    void aLargeBodyThatBreaksAfterTheFirst64KiBIsCut() throws BrokenJsonBody {
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        rewrite.accept(bytes(largeDocument(JsonBodyRewrite.HELD_INPUT)));
        assertTrue(rewrite.decided());
        assertThrows(BrokenJsonBody.class, () -> rewrite.accept(bytes("oops")));
    }

    @Test
    void aLargeBodyThatEndsTooEarlyIsCut() throws BrokenJsonBody {
        String json = largeDocument(JsonBodyRewrite.HELD_INPUT);
        JsonBodyRewrite rewrite = new JsonBodyRewrite(RULES);
        rewrite.accept(bytes(json.substring(0, json.length() - 2)));
        assertThrows(BrokenJsonBody.class, rewrite::finish);
    }

    @Test
    void appliesToApplicationJsonWithParametersOnly() {
        assertTrue(JsonBodyRewrite.appliesTo("Application/JSON; charset=utf-8"));
        assertFalse(JsonBodyRewrite.appliesTo("application/problem+json"));
        assertFalse(JsonBodyRewrite.appliesTo("text/plain"));
        assertFalse(JsonBodyRewrite.appliesTo(null));
    }
}
