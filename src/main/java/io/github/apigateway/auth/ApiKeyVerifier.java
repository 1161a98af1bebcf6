package io.github.apigateway.auth;

import io.github.apigateway.config.ApiKeySettings;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Optional;

/**
 * Checks a presented API key against the configured SHA-256 hashes. Every key is compared, each in
 * constant time, so the answer's timing tells nothing about which key or how much of it matched.
 */
final class ApiKeyVerifier {

    private final ApiKeySettings settings;

    ApiKeyVerifier(ApiKeySettings settings) {
        this.settings = settings;
    }

    String header() {
        return settings.header();
    }

    Optional<Identity> verify(String presentedKey) {
        byte[] presented = Sha256.of(presentedKey);
        ApiKeySettings.ApiKey match = null;
        for (ApiKeySettings.ApiKey key : settings.keys()) {
            if (MessageDigest.isEqual(presented, key.sha256())) {
                match = key;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        return Optional.of(new Identity(match.id(), null, new HashSet<>(match.roles()), match.id(), null,
                Identity.Credential.API_KEY));
    }
}
