package io.github.apigateway.transform;

import io.github.apigateway.config.QueryParameters;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Applies a route's {@code set_query}: every parameter of the client's query whose (decoded) name it
 * sets is dropped, the rest stays byte for byte in its order, and the route's parameters follow.
 */
public final class QueryRewriter {

    private QueryRewriter() {
    }

    /** @param query the client's query string, or null; @return the query to forward, or null for none */
    public static String rewrite(QueryParameters parameters, String query) {
        if (parameters.names().isEmpty()) {
            return query;
        }
        StringJoiner result = new StringJoiner("&");
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&", -1)) {
                if (!parameters.names().contains(name(parameter))) {
                    result.add(parameter);
                }
            }
        }
        result.add(parameters.encoded());
        return result.toString();
    }

    private static String name(String parameter) {
        int equals = parameter.indexOf('=');
        String raw = equals < 0 ? parameter : parameter.substring(0, equals);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }
}
