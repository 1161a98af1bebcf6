package io.github.apigateway.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Browser session ids, the value of the session cookie: 256 bits from {@link SecureRandom}, base64url
 * without padding (43 characters), so an id can neither be guessed nor derived from another. A cookie
 * value of any other shape is no session, and is not looked up in the cluster. Thread-safe:
 * {@code SecureRandom} is.
 */
public final class SessionIds {

    static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    static String next() {
        byte[] id = new byte[BYTES];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    public static boolean isWellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
