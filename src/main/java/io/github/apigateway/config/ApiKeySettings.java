package io.github.apigateway.config;

import java.util.List;

/** The API keys of {@code auth.api_keys}: the header they come in, and the keys known by their SHA-256. */
public record ApiKeySettings(String header, List<ApiKey> keys) {

    public ApiKeySettings {
        keys = List.copyOf(keys);
    }

    /** @param sha256 the SHA-256 of the key's value */
    public record ApiKey(String id, byte[] sha256, List<String> roles) {

        public ApiKey {
            sha256 = sha256.clone();
            roles = List.copyOf(roles);
        }
    }
}
