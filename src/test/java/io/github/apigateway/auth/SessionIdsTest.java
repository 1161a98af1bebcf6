package io.github.apigateway.auth;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdsTest {

    @Test
    void anIdIs256RandomBitsInBase64Url() {
        String id = SessionIds.next();
        assertEquals(43, id.length());
        assertEquals(32, Base64.getUrlDecoder().decode(id).length);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(SessionIds.next());
        }
        assertEquals(1_000, ids.size());
    }

    @Test
    void anIssuedIdIsWellFormed() {
        assertTrue(SessionIds.isWellFormed(SessionIds.next()));
    }

    @Test
    void aCookieValueOfAnotherShapeIsNoSessionId() {
        assertFalse(SessionIds.isWellFormed(null));
        assertFalse(SessionIds.isWellFormed("node0abc123.node0"));
        assertFalse(SessionIds.isWellFormed(SessionIds.next() + "x"));
        assertFalse(SessionIds.isWellFormed(SessionIds.next().substring(1) + "="));
    }
}
