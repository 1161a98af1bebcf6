package io.github.apigateway.observability;

import io.github.apigateway.http.JsonText;

import java.time.Instant;

/**
 * One access log entry as one JSON object on one line, with Elastic Common Schema field names. Only the
 * fields below are written: no header ever is, so no {@code Authorization}, cookie or API key reaches the
 * log, and the query string's secrets are redacted ({@link QueryRedaction}).
 */
final class AccessLogLine {

    private AccessLogLine() {
    }

    static String format(AccessLogEntry entry) {
        StringBuilder line = new StringBuilder(320).append('{');
        field(line, "@timestamp", Instant.ofEpochMilli(entry.epochMillis()).toString());
        field(line, "http.request.method", entry.method());
        field(line, "url.path", entry.path());
        field(line, "url.query", QueryRedaction.redact(entry.query()));
        number(line, "http.response.status_code", entry.status());
        number(line, "event.duration", entry.durationNanos());
        field(line, "client.ip", entry.clientIp());
        field(line, "user.id", entry.userId());
        field(line, "trace.id", entry.traceId());
        field(line, "gateway.route", entry.route());
        field(line, "gateway.request_id", entry.requestId());
        field(line, "upstream.address", entry.upstreamAddress());
        return line.append('}').toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        if (value != null) {
            separate(line).append('"').append(name).append("\":").append(JsonText.quote(value));
        }
    }

    private static void number(StringBuilder line, String name, long value) {
        separate(line).append('"').append(name).append("\":").append(value);
    }

    private static StringBuilder separate(StringBuilder line) {
        return line.length() > 1 ? line.append(',') : line;
    }
}
