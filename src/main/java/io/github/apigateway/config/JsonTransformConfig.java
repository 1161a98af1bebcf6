package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;
import java.util.Map;

public record JsonTransformConfig(
        @JsonbProperty("remove_fields") List<String> removeFields,
        @JsonbProperty("rename_fields") Map<String, String> renameFields) {
}
