package io.github.apigateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 of a credential, which is what the gateway keeps and compares instead of the credential. */
final class Sha256 {

    /**
     * Cloned for each digest: asked once per request (the verified-token cache's key), and a clone skips
     * the provider lookup that {@link MessageDigest#getInstance} repeats on every call.
     */
    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {
    }

    static byte[] of(String value) {
        return newDigest().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 is cloneable", e);
        }
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
