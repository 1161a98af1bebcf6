package io.github.apigateway.auth;

import io.github.apigateway.config.ApiKeySettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyVerifierTest {

    private static final String REPORTING_KEY = "k3y-for-the-reporting-job";

    private final ApiKeyVerifier verifier = new ApiKeyVerifier(new ApiKeySettings("X-API-Key", List.of(
            new ApiKeySettings.ApiKey("reporting-job", sha256(REPORTING_KEY), List.of("reports", "read")),
            new ApiKeySettings.ApiKey("other-job", sha256("another-key"), List.of()))));

    /** Computed here, independently of the class under test. */
    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aConfiguredKeyYieldsItsIdentity() {
        Identity identity = verifier.verify(REPORTING_KEY).orElseThrow();
        assertEquals("reporting-job", identity.subject());
        assertEquals("reporting-job", identity.clientId());
        assertEquals(Set.of("reports", "read"), identity.roles());
        assertEquals(Identity.Credential.API_KEY, identity.credential());
        assertNull(identity.username());
        assertNull(identity.tier());
    }

    @Test
    void eachKeyYieldsItsOwnIdentity() {
        Identity identity = verifier.verify("another-key").orElseThrow();
        assertEquals("other-job", identity.subject());
        assertEquals(Set.of(), identity.roles());
    }

    @Test
    void anUnknownKeyYieldsNothing() {
        assertEquals(Optional.empty(), verifier.verify("not-a-configured-key"));
        assertEquals(Optional.empty(), verifier.verify(""));
    }

    @Test
    void aKeyDifferingInOneCharacterIsRefused() {
        String almost = REPORTING_KEY.substring(0, REPORTING_KEY.length() - 1) + "Y";
        assertTrue(verifier.verify(almost).isEmpty());
        assertTrue(verifier.verify(REPORTING_KEY.toUpperCase()).isEmpty());
    }

    @Test
    void theHashItselfIsNotAKey() {
        String hex = HexFormat.of().formatHex(sha256(REPORTING_KEY));
        assertTrue(verifier.verify(hex).isEmpty());
    }

    @Test
    void theHeaderIsTheConfiguredOne() {
        assertEquals("X-API-Key", verifier.header());
    }
}
