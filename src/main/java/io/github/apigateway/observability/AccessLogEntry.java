package io.github.apigateway.observability;

/**
 * What the access log says about one request, taken when its exchange ends; formatted later, on the
 * writer's thread ({@link AccessLogLine}). Fields that do not apply are null.
 *
 * @param epochMillis     when the request arrived
 * @param query           the raw query string; its secrets are redacted when the line is written
 * @param durationNanos   from the first filter to the end of the exchange
 * @param upstreamAddress the instance that answered (the last one tried), as {@code host:port}
 */
public record AccessLogEntry(long epochMillis, String method, String path, String query, int status,
                             long durationNanos, String clientIp, String userId, String traceId, String route,
                             String requestId, String upstreamAddress) {
}
