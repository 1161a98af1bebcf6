package io.github.apigateway.web;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RequestIdsTest {

    private static void assertReplacedByANewId(String incoming) {
        String id = RequestIds.acceptOrCreate(incoming);
        assertNotEquals(incoming, id);
        assertIsRandomUuid(id);
    }

    private static void assertIsRandomUuid(String id) {
        UUID uuid = UUID.fromString(id);
        assertEquals(id, uuid.toString());
        assertEquals(4, uuid.version(), id);
        assertEquals(2, uuid.variant(), id);
    }

    @Test
    void aWellFormedIdIsAcceptedAsIs() {
        for (String id : new String[] {"f47ac10b-58cc-4372-a567-0e02b2c3d479", "01ARZ3NDEKTSV4RRFFQ69G5FAV",
                "abc_DEF.123:x+y/z==", "a", "x".repeat(128)}) {
            assertSame(id, RequestIds.acceptOrCreate(id), id);
        }
    }

    @Test
    void aMissingIdIsReplaced() {
        assertReplacedByANewId(null);
        assertReplacedByANewId("");
    }

    @Test
    void aTooLongIdIsReplaced() {
        assertReplacedByANewId("x".repeat(129));
    }

    @Test
    void anIdWithSpacesQuotesOrControlCharactersIsReplaced() {
        for (String id : new String[] {"a b", "a\"b", "a'b", "a\nb", "a\rb", "a\tb", "a\u0000b", "a\u007fb",
                "a;b", "a,b", "é"}) {
            assertReplacedByANewId(id);
        }
    }

    @Test
    void newIdsAreVersion4UuidsThatDiffer() {
        String first = RequestIds.create();
        String second = RequestIds.create();
        assertIsRandomUuid(first);
        assertIsRandomUuid(second);
        assertNotEquals(first, second);
    }
}
