package io.github.apigateway.lifecycle;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.cluster.ClusterMember;
import io.github.apigateway.config.ConfigException;
import io.github.apigateway.config.ConfigLoader;
import io.github.apigateway.config.ConfigLocation;
import io.github.apigateway.config.ConfigSource;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.proxy.UpstreamClients;
import io.github.apigateway.ratelimit.HazelcastRateLimiter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.time.Duration;

/**
 * Starts the gateway when the web application deploys. An invalid config throws from here, which makes
 * Jetty and Tomcat fail the deployment: no half-configured gateway ever takes traffic.
 */
public final class GatewayBootstrap implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(GatewayBootstrap.class.getName());

    private Gateway gateway;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ConfigSource source = ConfigLocation.resolve(System::getProperty, System::getenv, context::getInitParameter,
                new ConfigSource("WAR:" + ConfigLocation.BUNDLED_RESOURCE,
                        () -> context.getResourceAsStream(ConfigLocation.BUNDLED_RESOURCE)));
        Duration drainTimeout = DrainTimeout.resolve(System::getProperty, context::getInitParameter);
        ValidatedConfig config;
        try {
            config = ConfigLoader.load(source);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw e;
        }
        ClusterMember cluster = ClusterMember.start();
        try {
            gateway = new Gateway(config, Authenticator.create(config.tokens(), config.apiKeys(), config.browser()),
                    UpstreamClients.start(config.services().values()), cluster,
                    new HazelcastRateLimiter(cluster.hazelcast()), drainTimeout);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        gateway.attachTo(context);
        LOG.log(System.Logger.Level.INFO, "Gateway started at context '" + context.getContextPath() + "' with "
                + config.source() + ": " + config.routeTable().routes().size() + " routes, "
                + config.services().size() + " services, cluster of " + cluster.memberCount());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (gateway != null) {
            gateway.stop();
        }
    }
}
