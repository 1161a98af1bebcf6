package io.github.apigateway.http;


import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Brings a raw request path to the one form that is both matched and forwarded: percent-encoded
 * unreserved characters decoded (RFC 3986 section 2.3), other escapes kept with upper-case hex,
 * {@code .} and {@code ..} segments resolved, empty segments collapsed. A path that would climb above the
 * root, that hides a {@code /} or NUL in an escape, or that holds a path parameter ({@code ;}) or a
 * backslash, plain or encoded, is refused: those are the classic ways to make a gateway match one path
 * while the upstream serves another ({@code /admin;x/y} is {@code /admin/y} to Tomcat).
 */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /** @throws InvalidPathException when the path cannot be made safe; the message is fit for the client */
    public static String normalize(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        if (rawPath.charAt(0) != '/') {
            throw new InvalidPathException("The request path must start with '/'.");
        }
        if (isAlreadyNormal(rawPath)) {
            return rawPath;
        }
        return resolveSegments(decodeUnreserved(rawPath));
    }

    /** The common case costs one scan and no allocation. */
    private static boolean isAlreadyNormal(String path) {
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == ';' || c == '\\' || (c == '/' && previous == '/') || (c == '.' && previous == '/')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static String decodeUnreserved(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';' || c == '\\') {
                throw readDifferently(c);
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= path.length()) {
                throw new InvalidPathException("The request path has an incomplete percent-encoding.");
            }
            int high = hexValue(path.charAt(i + 1));
            int low = hexValue(path.charAt(i + 2));
            if (high < 0 || low < 0) {
                throw new InvalidPathException("The request path has an invalid percent-encoding.");
            }
            char decoded = (char) (high * 16 + low);
            if (decoded == '/' || decoded == 0) {
                throw new InvalidPathException("The request path holds an encoded '/' or NUL.");
            }
            if (decoded == ';' || decoded == '\\') {
                throw readDifferently(decoded);
            }
            if (isUnreserved(decoded)) {
                out.append(decoded);
            } else {
                out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                        .append(Character.toUpperCase(path.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }

    /** Tomcat and Spring read {@code /admin;x/y} as {@code /admin/y}, some servers a backslash as a slash. */
    private static InvalidPathException readDifferently(char c) {
        return new InvalidPathException(c == ';'
                ? "The request path holds a path parameter (';'), which upstream servers read differently."
                : "The request path holds a backslash, which upstream servers read differently.");
    }

    private static String resolveSegments(String path) {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 1; i < parts.length; i++) {
            String segment = parts[i];
            boolean last = i == parts.length - 1;
            switch (segment) {
                case "", "." -> trailingSlash = last;
                case ".." -> {
                    if (segments.isEmpty()) {
                        throw new InvalidPathException("The request path escapes the root.");
                    }
                    segments.removeLast();
                    trailingSlash = last;
                }
                default -> {
                    segments.addLast(segment);
                    trailingSlash = false;
                }
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if (out.length() == 0 || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    /** RFC 3986 HEXDIG is ASCII only; Character.digit would also take other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
