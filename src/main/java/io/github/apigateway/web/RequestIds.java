package io.github.apigateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the caller's when it is well-formed, so a trace spans systems; else a fresh random one. */
public final class RequestIds {

    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    public static String acceptOrCreate(String incoming) {
        return isWellFormed(incoming) ? incoming : create();
    }

    /**
     * Well-formed: 1 to 128 characters from the set that UUIDs, ULIDs, hex and base64 ids use. Anything
     * else (spaces, quotes, control characters) could break the log lines and headers it is copied into.
     */
    static boolean isWellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A version 4 UUID from ThreadLocalRandom: unique enough for tracing, without SecureRandom's lock. */
    static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
