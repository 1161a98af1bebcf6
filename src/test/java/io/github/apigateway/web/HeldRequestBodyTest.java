package io.github.apigateway.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldRequestBodyTest {

    private static final byte[] CHUNK = new byte[16 * 1024];

    @Test
    void aBodyDeclaredLargerThan64KiBIsNotHeldAtAll() {
        assertNull(HeldRequestBody.forLength(64 * 1024 + 1));
    }

    @Test
    void aBodyIsWholeOnceItsDeclaredLengthHasArrived() {
        HeldRequestBody held = HeldRequestBody.forLength(20_000);
        held.add(CHUNK, 16 * 1024);
        assertFalse(held.isWhole());
        held.add(CHUNK, 20_000 - 16 * 1024);
        assertTrue(held.isWhole());
        assertEquals(20_000, held.replay().getContentLength());
    }

    @Test
    void aChunkedBodyIsWholeOnlyAtItsEnd() {
        HeldRequestBody held = HeldRequestBody.forLength(-1);
        held.add(CHUNK, 1_000);
        assertFalse(held.isWhole());
        held.end();
        assertTrue(held.isWhole());
    }

    @Test
    void aChunkedBodyThatGrowsPast64KiBIsLetGo() {
        HeldRequestBody held = HeldRequestBody.forLength(-1);
        for (int i = 0; i < 5; i++) {
            held.add(CHUNK, CHUNK.length);
        }
        held.end();
        assertFalse(held.isWhole());
    }
}
