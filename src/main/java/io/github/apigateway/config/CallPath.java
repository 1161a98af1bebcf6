package io.github.apigateway.config;

import io.github.apigateway.http.PercentEncoding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code path} of an aggregate call: a path with an optional query, holding placeholders that each
 * request fills in. Parsed once at load; {@link #expand} only appends. Each value is percent-encoded
 * whole ({@link PercentEncoding}), so whatever a caller's name or path holds, it stays one path segment
 * or one query value and cannot point the call at another resource.
 *
 * @param text  as written in the config
 * @param parts the literal text and the placeholders, in order
 */
public record CallPath(String text, List<Part> parts) {

    /** A piece of the path: literal text, or a {@link Placeholder}. */
    public sealed interface Part permits Literal, Placeholder {
    }

    public record Literal(String text) implements Part {
    }

    /**
     * A value taken from the request.
     *
     * @param segment for {@link Source#PATH_SEGMENT}: which segment after the route's prefix, from 1
     */
    public record Placeholder(Source source, int segment) implements Part {
    }

    /** Where a placeholder's value comes from. */
    public enum Source { USER_ID, USER_NAME, CLIENT_ID, REQUEST_ID, PATH_SEGMENT }

    private static final String PATH_PREFIX = "path.";
    private static final String KNOWN = "${user.id}, ${user.name}, ${client.id}, ${request.id} or ${path.N} (N from 1)";

    public CallPath {
        parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException with the reason when the text is not a valid call path */
    public static CallPath parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        if (text.indexOf('#') >= 0 || text.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("must be a path and query without fragment, spaces, control or non-ASCII characters");
        }
        List<Part> parts = new ArrayList<>();
        int from = 0;
        for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", from)) {
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("has a '${' without its '}'");
            }
            if (open > from) {
                parts.add(new Literal(text.substring(from, open)));
            }
            parts.add(placeholder(text.substring(open + 2, close)));
            from = close + 1;
        }
        if (from < text.length()) {
            parts.add(new Literal(text.substring(from)));
        }
        return new CallPath(text, parts);
    }

    private static Placeholder placeholder(String name) {
        switch (name) {
            case "user.id":
                return new Placeholder(Source.USER_ID, 0);
            case "user.name":
                return new Placeholder(Source.USER_NAME, 0);
            case "client.id":
                return new Placeholder(Source.CLIENT_ID, 0);
            case "request.id":
                return new Placeholder(Source.REQUEST_ID, 0);
            default:
                return new Placeholder(Source.PATH_SEGMENT, segmentNumber(name));
        }
    }

    private static int segmentNumber(String name) {
        String number = name.startsWith(PATH_PREFIX) ? name.substring(PATH_PREFIX.length()) : "";
        if (!number.matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException("has an unknown placeholder '${" + name + "}'; use " + KNOWN);
        }
        int segment = Integer.parseInt(number);
        if (segment == 0) {
            throw new IllegalArgumentException("has '${path.0}': path segments count from 1");
        }
        return segment;
    }

    /** How many segments after the route's prefix a request needs for this path: the highest {@code ${path.N}}. */
    public int segmentsNeeded() {
        int needed = 0;
        for (Part part : parts) {
            if (part instanceof Placeholder placeholder && placeholder.source() == Source.PATH_SEGMENT) {
                needed = Math.max(needed, placeholder.segment());
            }
        }
        return needed;
    }

    /** @param values each placeholder's plain (not encoded) value; never null */
    public String expand(Function<Placeholder, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                out.append(PercentEncoding.encode(values.apply((Placeholder) part)));
            }
        }
        return out.toString();
    }
}
