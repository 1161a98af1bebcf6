package io.github.apigateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void nullIsWrittenAsTheNullLiteral() {
        assertEquals("null", JsonText.quote(null));
    }

    @Test
    void aPlainStringIsQuoted() {
        assertEquals("\"\"", JsonText.quote(""));
        assertEquals("\"bad gateway / é €\"", JsonText.quote("bad gateway / é €"));
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"say \\\"hi\\\" C:\\\\x\"", JsonText.quote("say \"hi\" C:\\x"));
    }

    @Test
    void commonControlCharactersUseShortEscapes() {
        assertEquals("\"a\\nb\\rc\\td\"", JsonText.quote("a\nb\rc\td"));
    }

    @Test
    void otherControlCharactersUseUnicodeEscapes() {
        assertEquals("\"\\u0000\\u001f\\u0008\"", JsonText.quote("\u0000\u001f\b"));
    }

    @Test
    void lineAndParagraphSeparatorsAreEscaped() {
        assertEquals("\"\\u2028\\u2029\"", JsonText.quote("\u2028\u2029"));
    }
}
