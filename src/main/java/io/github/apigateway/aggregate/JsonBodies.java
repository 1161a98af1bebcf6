package io.github.apigateway.aggregate;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Whether a call's body is one JSON text in UTF-8 (RFC 8259 section 8.1), read to its end with the JSON-P
 * parser: a body that is embedded in the answer as it came must not break the answer's syntax or encoding.
 * Stateless; the parser factory is thread-safe.
 */
final class JsonBodies {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonBodies() {
    }

    static boolean isJson(byte[] body) {
        // Undecodable bytes must fail the check, not turn into U+FFFD behind the parser's back.
        Reader utf8 = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = PARSERS.createParser(utf8)) {
            if (!parser.hasNext()) {
                return false;
            }
            while (parser.hasNext()) {
                parser.next();
            }
            return true;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return false;
        }
    }
}
