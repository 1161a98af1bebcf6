package io.github.apigateway.config;

import io.github.apigateway.http.InvalidPathException;
import io.github.apigateway.http.PathNormalizer;

/**
 * A route's {@code path}: an exact path ({@code /login}) or a prefix ({@code /api/v1/users/*}, which
 * matches {@code /api/v1/users}, {@code /api/v1/users/} and everything below, but not
 * {@code /api/v1/usersX}).
 *
 * @param base   the path without the trailing {@code /*}; empty for {@code /*}
 * @param prefix whether the path ends in {@code /*}
 */
public record RoutePath(String base, boolean prefix) {

    /** The gateway's own paths ({@code /_gateway/health}, ...): no route may take them. */
    public static final String RESERVED_PREFIX = "/_gateway/";
    private static final String WILDCARD = "/*";

    /** @throws IllegalArgumentException with the reason when the text is not a valid route path */
    public static RoutePath parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        boolean prefix = text.endsWith(WILDCARD);
        String base = prefix ? text.substring(0, text.length() - WILDCARD.length()) : text;
        if (base.indexOf('*') >= 0) {
            throw new IllegalArgumentException("'*' is only allowed as a final '/*'");
        }
        if (base.indexOf('?') >= 0 || base.indexOf('#') >= 0 || base.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("must be a plain path without query, fragment, spaces or control characters");
        }
        if (!base.isEmpty() && (prefix && base.endsWith("/") || !normalized(base).equals(base))) {
            String suggestion = normalized(base);
            if (prefix && suggestion.endsWith("/")) {
                suggestion = suggestion.substring(0, suggestion.length() - 1);
            }
            throw new IllegalArgumentException("must be in normal form (no '.', '..' or empty segments, "
                    + "unreserved characters not percent-encoded); did you mean '" + suggestion
                    + (prefix ? WILDCARD : "") + "'?");
        }
        return new RoutePath(base, prefix);
    }

    private static String normalized(String path) {
        try {
            return PathNormalizer.normalize(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage().replace("The request path", "the path"));
        }
    }

    public boolean matches(String path) {
        if (!prefix) {
            return path.equals(base);
        }
        return path.startsWith(base)
                && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }

    /** The path the upstream sees when the route strips its prefix: never empty. */
    public String strip(String path) {
        String rest = prefix ? path.substring(base.length()) : "";
        return rest.isEmpty() ? "/" : rest;
    }

    /** Longer bases are more specific; at equal length an exact path beats a prefix. */
    public int specificity() {
        return base.length() * 2 + (prefix ? 0 : 1);
    }

    @Override
    public String toString() {
        return prefix ? base + WILDCARD : base;
    }
}
