package io.github.apigateway.aggregate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodiesTest {

    private static boolean isJson(String text) {
        return JsonBodies.isJson(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anObjectIsJson() {
        assertTrue(isJson(" {\"a\": [1, 2.5, true, null, \"é\"]} "));
    }

    @Test
    void aScalarIsJson() {
        assertTrue(isJson("42"));
    }

    @Test
    void anEmptyBodyIsNotJson() {
        assertFalse(isJson(""));
    }

    @Test
    void textIsNotJson() {
        assertFalse(isJson("ok"));
    }

    @Test
    void aTruncatedObjectIsNotJson() {
        assertFalse(isJson("{\"a\": [1, 2"));
    }

    @Test
    void aSecondValueAfterTheFirstIsNotJson() {
        assertFalse(isJson("{} {}"));
    }

    @Test
    void garbageAfterTheValueIsNotJson() {
        assertFalse(isJson("{\"a\": 1}x"));
    }

    @Test
    void bytesThatAreNotUtf8AreNotJson() {
        assertFalse(JsonBodies.isJson(new byte[]{'"', (byte) 0xff, '"'}));
    }
}
