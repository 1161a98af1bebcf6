package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.cluster.ClusterMember;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.proxy.UpstreamClients;
import io.github.apigateway.ratelimit.RateLimitPolicy;
import io.github.apigateway.ratelimit.RateLimiter;
import jakarta.servlet.ServletContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one deployed gateway holds for its lifetime: the validated config, the authenticator,
 * the upstream HTTP clients, the cluster member and the rate limiter on it. Built once at deployment; filters and servlets read it from the
 * servlet context in their {@code init}.
 */
public record Gateway(ValidatedConfig config, Authenticator authenticator, UpstreamClients upstreams,
                      ClusterMember cluster, RateLimiter rateLimiter, AtomicLong rateLimitFailures)
        implements AutoCloseable {

    private static final String ATTRIBUTE = Gateway.class.getName();

    public static Gateway from(ServletContext context) {
        Object gateway = context.getAttribute(ATTRIBUTE);
        if (gateway == null) {
            throw new IllegalStateException("The gateway did not start; see the deployment log for the reason");
        }
        return (Gateway) gateway;
    }

    void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    public RateLimitPolicy rateLimits() {
        return config.rateLimits();
    }

    @Override
    public void close() {
        try {
            upstreams.close();
        } finally {
            cluster.close();
        }
    }
}
