package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.cluster.ClusterMembership;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.proxy.UpstreamClients;
import jakarta.servlet.ServletContext;

/**
 * Everything one deployed gateway holds for its lifetime: the validated config, the authenticator,
 * the upstream HTTP clients and the cluster view. Built once at deployment; filters and servlets read it from the
 * servlet context in their {@code init}.
 */
public record Gateway(ValidatedConfig config, Authenticator authenticator, UpstreamClients upstreams,
                      ClusterMembership cluster) implements AutoCloseable {

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

    @Override
    public void close() {
        upstreams.close();
    }
}
