package io.github.apigateway.config;

/**
 * A validated entry of {@code rate_limits}.
 *
 * @param headerName     the header counted by {@link Source#HEADER}; null otherwise
 * @param when           null when the limit applies to every request
 * @param capacity       {@code burst}, or {@code requests_per_minute} when no burst is set
 * @param refillPerMilli {@code requests_per_minute / 60000}
 */
public record RateLimit(String id, Source source, String headerName, Condition when, long capacity, double refillPerMilli) {

    public enum Source { IP_ADDRESS, USER, CLIENT, HEADER, ROUTE }

    /** {@code when}: the request's header (as authentication left it) equals the value. */
    public record Condition(String header, String equalTo) {
    }

    public static RateLimit perMinute(String id, Source source, String headerName, Condition when,
                                      long requestsPerMinute, Long burst) {
        return new RateLimit(id, source, headerName, when, burst == null ? requestsPerMinute : burst,
                requestsPerMinute / 60_000.0);
    }
}
