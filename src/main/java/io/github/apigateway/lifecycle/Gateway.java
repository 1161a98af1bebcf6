package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.cluster.ClusterMember;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.proxy.UpstreamClients;
import io.github.apigateway.ratelimit.RateLimitPolicy;
import io.github.apigateway.ratelimit.RateLimiter;
import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one deployed gateway holds for its lifetime: the validated config, the authenticator,
 * the upstream HTTP clients, the cluster member and the rate limiter on it, and the requests in flight.
 * Built once at deployment; filters and servlets read it from the servlet context in their {@code init}.
 */
public final class Gateway {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final String ATTRIBUTE = Gateway.class.getName();

    private final ValidatedConfig config;
    private final Authenticator authenticator;
    private final UpstreamClients upstreams;
    private final ClusterMember cluster;
    private final RateLimiter rateLimiter;
    private final AtomicLong rateLimitFailures = new AtomicLong();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final Duration drainTimeout;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Gateway(ValidatedConfig config, Authenticator authenticator, UpstreamClients upstreams, ClusterMember cluster,
            RateLimiter rateLimiter, Duration drainTimeout) {
        this.config = config;
        this.authenticator = authenticator;
        this.upstreams = upstreams;
        this.cluster = cluster;
        this.rateLimiter = rateLimiter;
        this.drainTimeout = drainTimeout;
    }

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

    public ValidatedConfig config() {
        return config;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public UpstreamClients upstreams() {
        return upstreams;
    }

    public ClusterMember cluster() {
        return cluster;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public AtomicLong rateLimitFailures() {
        return rateLimitFailures;
    }

    public RateLimitPolicy rateLimits() {
        return config.rateLimits();
    }

    public InFlightRequests inFlight() {
        return inFlight;
    }

    /**
     * Stops taking requests, lets the ones in flight finish (up to the drain timeout), then closes the
     * upstream connection pools and leaves the cluster, so its partitions move to the other members
     * first. Called by whichever the container runs first on undeploy or shutdown, the proxy servlet's
     * {@code destroy} or the context listener; later calls return at once.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        int inFlightAtStart = inFlight.count();
        int cutOff = inFlight.drain(drainTimeout);
        LOG.log(System.Logger.Level.INFO, "Gateway stopping: " + inFlightAtStart + " requests were in flight, "
                + (cutOff == 0 ? "all finished" : cutOff + " did not finish within " + drainTimeout.toSeconds() + " s and are cut off"));
        try {
            upstreams.close();
        } finally {
            cluster.close();
        }
    }
}
