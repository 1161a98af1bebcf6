package io.github.apigateway.config;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed JSON document against the config records before JSON-B binds it, so that an unknown
 * field or a value of the wrong type is reported with its JSON path instead of the binder's class names.
 * The records are the schema: there is no second description of the file to keep in step.
 */
final class JsonShape {

    private final List<ConfigProblem> problems = new ArrayList<>();

    private JsonShape() {
    }

    static List<ConfigProblem> check(JsonValue document, Class<?> rootType) {
        JsonShape shape = new JsonShape();
        shape.checkValue("", document, rootType);
        return shape.problems;
    }

    private void checkValue(String path, JsonValue value, Type type) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            checkRecord(path, value, raw);
        } else if (List.class.isAssignableFrom(raw)) {
            checkList(path, value, typeArgument(type, 0));
        } else if (Map.class.isAssignableFrom(raw)) {
            checkMap(path, value, typeArgument(type, 1));
        } else if (raw == String.class) {
            expect(path, value.getValueType() == JsonValue.ValueType.STRING, "a string");
        } else if (raw == Boolean.class) {
            expect(path, value == JsonValue.TRUE || value == JsonValue.FALSE, "true or false");
        } else if (raw == Long.class || raw == Integer.class) {
            checkInteger(path, value, raw == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
        } else {
            throw new IllegalStateException("config records use an unsupported type " + type);
        }
    }

    private void checkRecord(String path, JsonValue value, Class<?> recordType) {
        if (!expect(path, value.getValueType() == JsonValue.ValueType.OBJECT, "an object")) {
            return;
        }
        JsonObject object = value.asJsonObject();
        for (Map.Entry<String, JsonValue> field : object.entrySet()) {
            String fieldPath = child(path, field.getKey());
            RecordComponent component = componentNamed(recordType, field.getKey());
            if (component == null) {
                problems.add(new ConfigProblem(fieldPath, "unknown field"));
            } else {
                checkValue(fieldPath, field.getValue(), component.getGenericType());
            }
        }
    }

    private void checkList(String path, JsonValue value, Type elementType) {
        if (!expect(path, value.getValueType() == JsonValue.ValueType.ARRAY, "an array")) {
            return;
        }
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            String elementPath = path + "[" + i + "]";
            if (element.getValueType() == JsonValue.ValueType.NULL) {
                problems.add(new ConfigProblem(elementPath, "must not be null"));
            } else {
                checkValue(elementPath, element, elementType);
            }
        }
    }

    private void checkMap(String path, JsonValue value, Type valueType) {
        if (!expect(path, value.getValueType() == JsonValue.ValueType.OBJECT, "an object")) {
            return;
        }
        value.asJsonObject().forEach((key, entry) -> checkValue(child(path, key), entry, valueType));
    }

    private void checkInteger(String path, JsonValue value, long max) {
        if (!expect(path, value.getValueType() == JsonValue.ValueType.NUMBER, "a whole number")) {
            return;
        }
        JsonNumber number = (JsonNumber) value;
        boolean whole = number.isIntegral() || number.bigDecimalValue().stripTrailingZeros().scale() <= 0;
        boolean inRange = number.bigDecimalValue().abs().compareTo(java.math.BigDecimal.valueOf(max)) <= 0;
        expect(path, whole && inRange, "a whole number up to " + max);
    }

    private boolean expect(String path, boolean holds, String expected) {
        if (!holds) {
            problems.add(new ConfigProblem(path, "must be " + expected));
        }
        return holds;
    }

    private static RecordComponent componentNamed(Class<?> recordType, String jsonName) {
        for (RecordComponent component : recordType.getRecordComponents()) {
            if (jsonName.equals(jsonName(component))) {
                return component;
            }
        }
        return null;
    }

    private static String jsonName(RecordComponent component) {
        JsonbProperty property = component.getAccessor().getAnnotation(JsonbProperty.class);
        if (property == null) {
            property = component.getAnnotation(JsonbProperty.class);
        }
        return property != null ? property.value() : component.getName();
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
