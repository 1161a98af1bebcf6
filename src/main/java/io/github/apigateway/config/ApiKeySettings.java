package io.github.apigateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

        /** By value, hash included: a reloaded config with the same keys keeps its authenticator. */
        @Override
        public boolean equals(Object other) {
            return other instanceof ApiKey key && id.equals(key.id) && Arrays.equals(sha256, key.sha256)
                    && roles.equals(key.roles);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, Arrays.hashCode(sha256), roles);
        }
    }
}
