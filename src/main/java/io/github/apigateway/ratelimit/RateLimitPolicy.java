package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.Route;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Map;

/**
 * Which limit a request falls under and which bucket it draws from: the first limit of the route's
 * {@code rate_limits} (the config validator put {@code default_rate_limits} there for routes without
 * the field) whose {@code when} holds; the bucket key joins
 * the limit's id and what its {@code source} counts.
 */
public final class RateLimitPolicy {

    private final Map<String, RateLimit> limitsById;
    private final ClientAddress clientAddress;
    private final boolean failOpen;

    public RateLimitPolicy(Map<String, RateLimit> limitsById, ClientAddress clientAddress, boolean failOpen) {
        this.limitsById = Map.copyOf(limitsById);
        this.clientAddress = clientAddress;
        this.failOpen = failOpen;
    }

    /** {@code rate_limit_failure}: whether a request passes when the cluster cannot answer in time. */
    public boolean failOpen() {
        return failOpen;
    }

    /** The limit that applies, or null when none does. */
    public RateLimit select(Route route, HttpServletRequest request) {
        for (String id : route.rateLimits()) {
            RateLimit limit = limitsById.get(id);
            if (limit.when() == null || limit.when().equalTo().equals(request.getHeader(limit.when().header()))) {
                return limit;
            }
        }
        return null;
    }

    public String bucketKey(RateLimit limit, Route route, Identity identity, HttpServletRequest request) {
        String counted = switch (limit.source()) {
            case IP_ADDRESS -> "ip:" + clientAddress(request);
            case USER -> identity != null ? "user:" + identity.subject() : "ip:" + clientAddress(request);
            case CLIENT -> identity != null && identity.clientId() != null
                    ? "client:" + identity.clientId() : "ip:" + clientAddress(request);
            case HEADER -> "header:" + String.valueOf(request.getHeader(limit.headerName()));
            case ROUTE -> "route:" + route.id();
        };
        return limit.id() + "|" + counted;
    }

    private String clientAddress(HttpServletRequest request) {
        return clientAddress.resolve(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
    }
}
