package io.github.apigateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key of a bucket: the limit's id, then what its source counts ({@code api|ip:198.51.100.7},
 * {@code api|user:<sub>}, {@code api|header=<value>}, {@code api|route:<route id>}). A counted value
 * longer than {@link #MAX_VALUE_LENGTH} characters (a client can put anything in a header) is replaced by
 * its SHA-256, so no client can make keys, and the cluster's memory, grow with what it sends. A request
 * without the counted header draws from one bucket of its own, {@code api|header-missing}, which no
 * header value can name.
 */
final class BucketKeys {

    static final int MAX_VALUE_LENGTH = 64;

    private BucketKeys() {
    }

    static String key(String limitId, String counted) {
        if (counted.length() <= MAX_VALUE_LENGTH) {
            return limitId + "|" + counted;
        }
        return limitId + "|sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(counted));
    }

    static String header(String value) {
        return value == null ? "header-missing" : "header=" + value;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
