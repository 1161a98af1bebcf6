package io.github.apigateway.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.apigateway.config.JsonFieldRules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rewrites a JSON document token by token as its bytes arrive, in any split: Jackson's non-blocking
 * parser takes each chunk and yields the tokens it completes; each is written again unless it belongs to
 * a removed field, under its new name when renamed. Memory holds the open containers and one token, never
 * the document. Numbers are copied as their text, never through a double; strings keep their value (their
 * escapes may be written differently, as JSON allows).
 *
 * <p>Used by one thread at a time (the response's, under its pump's lock).
 */
final class JsonFieldRewriter {

    /** Thread-safe once built; parsers and generators are per document. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            // a character outside the BMP stays UTF-8, as the upstream most likely wrote it, not \uD83D\uDE00
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** An open object or array and the rules for what is inside it (null: no rules below). */
    private record Container(JsonFieldRules rules, boolean object) {
    }

    private final JsonFieldRules root;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final JsonGenerator generator;
    private final Deque<Container> open = new ArrayDeque<>();
    /** The rules for the value after the field name just read; null when it has none. */
    private JsonFieldRules fieldRules;
    /** How deep inside a removed value the parser is; -1 when not in one. */
    private int skipping = -1;
    private boolean changed;

    JsonFieldRewriter(JsonFieldRules root) {
        this.root = root;
        try {
            this.parser = FACTORY.createNonBlockingByteArrayParser();
            this.generator = FACTORY.createGenerator(output);
        } catch (IOException e) {
            throw new IllegalStateException("Jackson could not create an in-memory parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** @throws IOException when the bytes so far are not JSON */
    void feed(byte[] chunk) throws IOException {
        if (chunk.length == 0) {
            return;
        }
        feeder.feedInput(chunk, 0, chunk.length);
        drain();
    }

    /** @throws IOException when the document is not complete */
    void end() throws IOException {
        feeder.endOfInput();
        drain();
    }

    /** @return what was written since the last call; a new array each time */
    byte[] takeOutput() throws IOException {
        generator.flush();
        byte[] written = output.toByteArray();
        output.reset();
        return written;
    }

    /** Whether a field was removed or renamed so far. */
    boolean changed() {
        return changed;
    }

    private void drain() throws IOException {
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.NOT_AVAILABLE;
             token = parser.nextToken()) {
            if (skipping >= 0) {
                skip(token);
            } else {
                copy(token);
            }
        }
    }

    private void skip(JsonToken token) {
        if (token.isStructStart()) {
            skipping++;
        } else if (token.isStructEnd()) {
            skipping--;
        }
        if (skipping == 0) {
            skipping = -1;
        }
    }

    private void copy(JsonToken token) throws IOException {
        switch (token) {
            case FIELD_NAME:
                fieldName(parser.currentName());
                break;
            case START_OBJECT:
                open.push(new Container(rulesOfNextValue(), true));
                generator.writeStartObject();
                break;
            case START_ARRAY:
                open.push(new Container(rulesOfNextValue(), false));
                generator.writeStartArray();
                break;
            case END_OBJECT:
                open.pop();
                generator.writeEndObject();
                break;
            case END_ARRAY:
                open.pop();
                generator.writeEndArray();
                break;
            case VALUE_STRING:
                generator.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                generator.writeNumber(numberText());
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                generator.writeBoolean(token == JsonToken.VALUE_TRUE);
                break;
            case VALUE_NULL:
                generator.writeNull();
                break;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** Jackson's non-blocking parser reports {@code -0} as {@code 0}; only the sign moves its position past the token start. */
    private String numberText() throws IOException {
        String text = parser.getText();
        if (text.equals("0")
                && parser.currentLocation().getByteOffset() > parser.currentTokenLocation().getByteOffset()) {
            return "-0";
        }
        return text;
    }

    private void fieldName(String name) throws IOException {
        Container object = open.peek();
        JsonFieldRules field = object == null || object.rules() == null ? null : object.rules().field(name);
        if (field != null && field.removed()) {
            changed = true;
            skipping = 0;
            return;
        }
        if (field != null && field.renamedTo() != null) {
            changed = true;
            generator.writeFieldName(field.renamedTo());
        } else {
            generator.writeFieldName(name);
        }
        fieldRules = field;
    }

    /** An object's value takes its field's rules; an array's element, the array's; the document, the root's. */
    private JsonFieldRules rulesOfNextValue() {
        Container parent = open.peek();
        if (parent == null) {
            return root;
        }
        return parent.object() ? fieldRules : parent.rules();
    }
}
