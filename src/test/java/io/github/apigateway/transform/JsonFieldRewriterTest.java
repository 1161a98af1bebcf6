package io.github.apigateway.transform;

import io.github.apigateway.config.JsonFieldRules;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldRewriterTest {

    static JsonFieldRules rules(List<String> removals, Map<String, String> renames) {
        Map<List<String>, String> renamePaths = new java.util.LinkedHashMap<>();
        renames.forEach((path, name) -> renamePaths.put(Arrays.asList(path.split("\\.")), name));
        return JsonFieldRules.of(removals.stream().map(path -> Arrays.asList(path.split("\\."))).toList(), renamePaths);
    }

    /** Feeds {@code json} in chunks of {@code chunkSize} bytes and returns all that was written. */
    static String rewrite(JsonFieldRules rules, String json, int chunkSize) throws IOException {
        JsonFieldRewriter rewriter = new JsonFieldRewriter(rules);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += chunkSize) {
            rewriter.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize)));
            out.writeBytes(rewriter.takeOutput());
        }
        rewriter.end();
        out.writeBytes(rewriter.takeOutput());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final JsonFieldRules CONTRACT_EXAMPLE = rules(List.of("internal_id", "owner.password_hash", "items.secret"),
            Map.of("fullName", "name"));

    @Test
    void removesAndRenamesTopLevelAndNestedFields() throws IOException {
        assertEquals("{\"id\":1,\"name\":\"Ann\",\"owner\":{\"login\":\"ann\"}}", rewrite(CONTRACT_EXAMPLE,
                "{\"id\":1,\"internal_id\":77,\"fullName\":\"Ann\",\"owner\":{\"login\":\"ann\",\"password_hash\":\"x\"}}", 1024));
    }

    @Test
    void givesTheSameOutputWhateverTheChunkSplit() throws IOException {
        String json = "{\"items\":[{\"a\":\"\\u00e9\\n\\\"q\\\"\",\"secret\":{\"deep\":[1,2,{\"x\":null}]}},{\"secret\":3,\"b\":true}],"
                + "\"internal_id\":[1,[2]],\"n\":-1.50e+10,\"fullName\":\"\u00c5sa \ud83d\ude00\"}";
        String whole = rewrite(CONTRACT_EXAMPLE, json, json.length() * 4);
        for (int chunk = 1; chunk <= 17; chunk++) {
            assertEquals(whole, rewrite(CONTRACT_EXAMPLE, json, chunk), "chunks of " + chunk);
        }
        assertEquals("{\"items\":[{\"a\":\"\u00e9\\n\\\"q\\\"\"},{\"b\":true}],\"n\":-1.50e+10,\"name\":\"\u00c5sa \ud83d\ude00\"}", whole);
    }

    @Test
    void appliesFieldPathsToEveryElementOfNestedArrays() throws IOException {
        assertEquals("{\"items\":[[{\"k\":1}],[{\"k\":2},{}]]}", rewrite(CONTRACT_EXAMPLE,
                "{\"items\":[[{\"k\":1,\"secret\":1}],[{\"k\":2,\"secret\":[]},{\"secret\":{}}]]}", 3));
    }

    @Test
    void appliesRootRulesToTheElementsOfARootArray() throws IOException {
        assertEquals("[{\"name\":\"a\"},{\"x\":1}]", rewrite(CONTRACT_EXAMPLE,
                "[{\"fullName\":\"a\",\"internal_id\":1},{\"x\":1}]", 5));
    }

    @Test
    void copiesNumbersExactlyAsWritten() throws IOException {
        String numbers = "[0,-0,1.0,-0.0,1e2,1E-2,12345678901234567890123456789,0.1000000000000000055511151231257827]";
        for (int chunk = 1; chunk <= 3; chunk++) {
            assertEquals(numbers, rewrite(CONTRACT_EXAMPLE, numbers, chunk));
        }
        assertEquals("{\"a\":-0}", rewrite(CONTRACT_EXAMPLE, "{\"a\" : -0 }", 1));
        assertEquals("-0", rewrite(CONTRACT_EXAMPLE, "-0", 1));
    }

    @Test
    void leavesAFieldOfTheSameNameElsewhereAlone() throws IOException {
        assertEquals("{\"nested\":{\"internal_id\":1,\"fullName\":\"x\"}}", rewrite(CONTRACT_EXAMPLE,
                "{\"nested\":{\"internal_id\":1,\"fullName\":\"x\"}}", 4));
    }

    @Test
    void reportsAChangeOnlyWhenARuleApplied() throws IOException {
        JsonFieldRewriter rewriter = new JsonFieldRewriter(CONTRACT_EXAMPLE);
        rewriter.feed("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        rewriter.end();
        assertFalse(rewriter.changed());
        JsonFieldRewriter renaming = new JsonFieldRewriter(CONTRACT_EXAMPLE);
        renaming.feed("{\"fullName\":1}".getBytes(StandardCharsets.UTF_8));
        renaming.end();
        assertTrue(renaming.changed());
    }

    @Test
    void failsOnBytesThatAreNotJson() {
        JsonFieldRewriter rewriter = new JsonFieldRewriter(CONTRACT_EXAMPLE);
        assertThrows(IOException.class, () -> rewriter.feed("{\"a\": nope}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void failsOnADocumentThatEndsInsideAValue() throws IOException {
        JsonFieldRewriter rewriter = new JsonFieldRewriter(CONTRACT_EXAMPLE);
        rewriter.feed("{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, rewriter::end);
    }
}
