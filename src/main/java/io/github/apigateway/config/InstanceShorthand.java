package io.github.apigateway.config;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Map;

/**
 * Rewrites each instance written as a bare URL string ({@code "http://10.0.0.1:8080"}) into the object it
 * stands for ({@code {"url": "http://10.0.0.1:8080"}}), so that the shape check and the binder see one
 * form. Parts of the document that are not shaped as expected are left as they are, for
 * {@link JsonShape} to report.
 */
final class InstanceShorthand {

    private InstanceShorthand() {
    }

    static JsonValue expand(JsonValue document) {
        JsonValue services = document.asJsonObject().get("services");
        if (services == null || services.getValueType() != JsonValue.ValueType.OBJECT) {
            return document;
        }
        JsonObjectBuilder expandedServices = Json.createObjectBuilder();
        services.asJsonObject().forEach((name, service) -> expandedServices.add(name, expandService(service)));
        return Json.createObjectBuilder(document.asJsonObject()).add("services", expandedServices).build();
    }

    private static JsonValue expandService(JsonValue service) {
        if (service.getValueType() != JsonValue.ValueType.OBJECT) {
            return service;
        }
        JsonObject fields = service.asJsonObject();
        JsonValue instances = fields.get("instances");
        if (instances == null || instances.getValueType() != JsonValue.ValueType.ARRAY) {
            return service;
        }
        JsonArrayBuilder expanded = Json.createArrayBuilder();
        for (JsonValue instance : instances.asJsonArray()) {
            expanded.add(instance.getValueType() == JsonValue.ValueType.STRING
                    ? Json.createObjectBuilder(Map.of("url", instance)).build()
                    : instance);
        }
        return Json.createObjectBuilder(fields).add("instances", expanded).build();
    }
}
