package io.github.apigateway.ratelimit;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.RateLimit;
import io.github.apigateway.config.Route;

import java.util.Map;

/**
 * Which limit a request falls under and which bucket it draws from: the first limit of the route's
 * {@code rate_limits} (the config validator put {@code default_rate_limits} there for routes without
 * the field) whose {@code when} holds; the bucket key joins the limit's id and what its {@code source}
 * counts ({@link BucketKeys}). Immutable.
 */
public final class RateLimitPolicy {

    private final Map<String, RateLimit> limitsById;
    private final ClientAddress clientAddress;

    public RateLimitPolicy(Map<String, RateLimit> limitsById, ClientAddress clientAddress) {
        this.limitsById = Map.copyOf(limitsById);
        this.clientAddress = clientAddress;
    }

    /** The limit that applies, or null when none does. */
    public RateLimit select(Route route, RequestView request) {
        for (String id : route.rateLimits()) {
            RateLimit limit = limitsById.get(id);
            if (limit.when() == null || limit.when().equalTo().equals(request.header(limit.when().header()))) {
                return limit;
            }
        }
        return null;
    }

    public String bucketKey(RateLimit limit, Route route, Identity identity, RequestView request) {
        String counted = switch (limit.source()) {
            case IP_ADDRESS -> "ip:" + clientAddress(request);
            case USER -> identity != null ? "user:" + identity.subject() : "ip:" + clientAddress(request);
            case CLIENT -> identity != null && identity.clientId() != null
                    ? "client:" + identity.clientId() : "ip:" + clientAddress(request);
            case HEADER -> BucketKeys.header(request.header(limit.headerName()));
            case ROUTE -> "route:" + route.id();
        };
        return BucketKeys.key(limit.id(), counted);
    }

    private String clientAddress(RequestView request) {
        return clientAddress.resolve(request.peerAddress(), request.headers("X-Forwarded-For"));
    }
}
