package io.github.apigateway.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding of values the gateway writes into a URL it composes. Everything but the
 * unreserved characters is encoded, so a value is one path segment or one query value wherever it is
 * put: it can never add a {@code /}, a {@code ?}, a {@code &} or a {@code #}.
 */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** The value's UTF-8 bytes, each one not unreserved written as {@code %XX}. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes the escapes of a path segment the {@link PathNormalizer} let through (well-formed, never an
     * encoded {@code /}) into the text they stand for; bytes that are not UTF-8 become U+FFFD.
     */
    public static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int plainFrom = 0;
        for (int i = segment.indexOf('%'); i >= 0 && i + 2 < segment.length(); i = segment.indexOf('%', plainFrom)) {
            bytes.writeBytes(segment.substring(plainFrom, i).getBytes(StandardCharsets.UTF_8));
            bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
            plainFrom = i + 3;
        }
        bytes.writeBytes(segment.substring(plainFrom).getBytes(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
