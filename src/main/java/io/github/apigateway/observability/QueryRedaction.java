package io.github.apigateway.observability;

import java.util.List;
import java.util.Locale;

/**
 * Takes the values of secret-looking parameters out of a query string before it is logged: every
 * parameter whose name holds {@code token}, {@code key}, {@code code}, {@code secret}, {@code password},
 * {@code signature} or {@code session} (in any case; {@code access_token}, {@code api_key}, an OAuth
 * {@code code}) keeps its name and gets {@value #REDACTED} as value. Other parameters stay as sent.
 */
final class QueryRedaction {

    static final String REDACTED = "REDACTED";
    private static final List<String> SECRET_NAME_PARTS = List.of("token", "key", "code", "secret", "password",
            "signature", "session");

    private QueryRedaction() {
    }

    /** @return the query with secrets redacted; null for null */
    static String redact(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (start > 0) {
                out.append('&');
            }
            parameter(out, query.substring(start, end));
            start = end + 1;
        }
        return out.toString();
    }

    private static void parameter(StringBuilder out, String parameter) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        if (equals >= 0 && isSecret(name)) {
            out.append(name).append('=').append(REDACTED);
        } else {
            out.append(parameter);
        }
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String part : SECRET_NAME_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
