package io.github.apigateway.config;

import jakarta.json.bind.annotation.JsonbProperty;

public record RetriesConfig(Integer attempts, @JsonbProperty("budget_percent") Integer budgetPercent) {
}
