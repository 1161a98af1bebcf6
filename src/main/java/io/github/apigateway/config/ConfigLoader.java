package io.github.apigateway.config;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads a gateway config in steps: JSON-P parses it (malformed JSON is reported with line and
 * column), {@link InstanceShorthand} expands instances written as bare URLs, {@link JsonShape} checks
 * fields and types against the records, JSON-B binds it, and
 * {@link ConfigValidator} checks what the records mean together.
 */
public final class ConfigLoader {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private ConfigLoader() {
    }

    /** @throws ConfigException naming the file, the JSON path and the reason of every problem */
    public static ValidatedConfig load(ConfigSource source) {
        byte[] bytes = source.read();
        JsonValue document = InstanceShorthand.expand(parse(source.description(), bytes));
        List<ConfigProblem> shapeProblems = JsonShape.check(document, GatewayConfig.class);
        if (!shapeProblems.isEmpty()) {
            throw new ConfigException(source.description(), shapeProblems);
        }
        return ConfigValidator.validate(source.description(), bind(source.description(), document));
    }

    private static JsonValue parse(String description, byte[] bytes) {
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue document = reader.readValue();
            if (document.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ConfigException(description, List.of(new ConfigProblem("", "the config must be a JSON object")));
            }
            return document;
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            throw new ConfigException(description, List.of(new ConfigProblem("", "malformed JSON" + where + ": " + e.getMessage())));
        } catch (JsonException e) {
            throw new ConfigException(description, List.of(new ConfigProblem("", "malformed JSON: " + e.getMessage())));
        }
    }

    private static GatewayConfig bind(String description, JsonValue document) {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return jsonb.fromJson(document.toString(), GatewayConfig.class);
        } catch (Exception e) {
            throw new IllegalStateException("JSON-B could not bind a document that passed the shape check: " + description, e);
        }
    }
}
