package io.github.apigateway.config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A route's validated {@code request_transform.set_query}: the parameters it adds or replaces, encoded
 * once at load.
 *
 * @param names   the parameter names, as written (decoded)
 * @param encoded {@code name=value&...}, each name and value percent-encoded (UTF-8; all but RFC 3986
 *                unreserved characters), empty when there are none
 */
public record QueryParameters(Set<String> names, String encoded) {

    public static final QueryParameters NONE = new QueryParameters(Set.of(), "");

    public QueryParameters {
        names = Set.copyOf(names);
    }

    public static QueryParameters of(Map<String, String> parameters) {
        Map<String, String> ordered = new LinkedHashMap<>(parameters);
        String encoded = ordered.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        return new QueryParameters(ordered.keySet(), encoded);
    }

    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
