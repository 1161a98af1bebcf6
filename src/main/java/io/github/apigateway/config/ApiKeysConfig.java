package io.github.apigateway.config;

import java.util.List;

public record ApiKeysConfig(String header, List<ApiKeyConfig> keys) {
}
