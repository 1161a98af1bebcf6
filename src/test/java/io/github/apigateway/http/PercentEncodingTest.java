package io.github.apigateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentEncodingTest {

    @Test
    void unreservedCharactersStayAsTheyAre() {
        assertEquals("AZaz09-._~", PercentEncoding.encode("AZaz09-._~"));
    }

    @Test
    void everythingElseIsEncodedAsUtf8Bytes() {
        assertEquals("%2F%3F%26%3D%23%25%20%2B%C3%A9", PercentEncoding.encode("/?&=#% +é"));
    }

    @Test
    void decodingTurnsEscapesBackIntoText() {
        assertEquals("a b+é", PercentEncoding.decode("a%20b+%C3%A9"));
    }

    @Test
    void aSegmentWithoutEscapesIsDecodedAsItIs() {
        assertEquals("plain", PercentEncoding.decode("plain"));
    }
}
