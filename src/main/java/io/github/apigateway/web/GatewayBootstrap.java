package io.github.apigateway.web;

import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.config.ConfigException;
import io.github.apigateway.config.ConfigLoader;
import io.github.apigateway.config.ConfigLocation;
import io.github.apigateway.config.ConfigSource;
import io.github.apigateway.config.ValidatedConfig;
import io.github.apigateway.lifecycle.ActiveConfig;
import io.github.apigateway.lifecycle.DrainTimeout;
import io.github.apigateway.lifecycle.Gateway;
import io.github.apigateway.observability.Observability;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;

/**
 * Starts the gateway when the web application deploys: loads the config file, joins the cluster (whose
 * active config wins over the file when it has one), builds the object graph once
 * and hands each filter and servlet the parts it needs. The request's whole way is the order of the
 * {@code addFilter} calls below. An invalid config throws from here, which makes Jetty and Tomcat fail
 * the deployment: no half-configured gateway ever takes traffic.
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
        try {
            byte[] file = source.read();
            ValidatedConfig config = ConfigLoader.load(new ConfigSource(source.description(), () -> new ByteArrayInputStream(file)));
            gateway = Gateway.start(new String(file, StandardCharsets.UTF_8), config, drainTimeout);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            throw e;
        }
        register(context, gateway);
        ActiveConfig active = gateway.current();
        LOG.log(System.Logger.Level.INFO, "Gateway started at context '" + context.getContextPath() + "' with "
                + "config version " + active.version() + " (set by " + active.stored().changedBy() + "): "
                + active.config().routes().size() + " routes, " + active.config().services().size()
                + " services, cluster of " + gateway.cluster().memberCount());
    }

    /** The request's way through the gateway, in order; each filter may end it with a JSON error. */
    private static void register(ServletContext context, Gateway gateway) {
        Observability observability = gateway.observability();
        filter(context, "request-id", new RequestIdStep(gateway, observability.tracing(),
                new ExchangeObserver(observability.metrics().http(), observability.accessLog())));
        filter(context, "route", new RouteStep());
        filter(context, "authentication", new AuthenticationStep(observability.metrics().auth()).forRoutedRequests(),
                DispatcherType.ASYNC);
        filter(context, "authorization", new AuthorizationStep(observability.metrics().auth()).forRoutedRequests(),
                DispatcherType.ASYNC);
        filter(context, "rate-limit", new RateLimitStep().forRoutedRequests(), DispatcherType.ASYNC);
        servlet(context, "proxy", new ProxyServlet(gateway), "/").setLoadOnStartup(1);
        servlet(context, "health", new HealthServlet(gateway), "/_gateway/health");
        servlet(context, "metrics", new MetricsServlet(observability.metrics()), "/_gateway/metrics");
        servlet(context, "admin-api", new AdminApiServlet(gateway.admin()), AdminApiServlet.PATH + "/*");
        servlet(context, "admin-ui", new AdminUiServlet(new AdminUiAssets(context::getResourceAsStream)), AdminUiServlet.PATH + "/*");
        servlet(context, "browser-login", new BrowserLoginServlet(), BrowserLogin.CALLBACK_PATH, BrowserLogin.LOGOUT_PATH);
        servlet(context, "gateway-error", new GatewayErrorServlet(), "/_gateway/*");
    }

    /**
     * Filters see requests from clients; async dispatches skip them (an abort on Tomcat goes straight back
     * to the proxy), except where a filter resumes a request it suspended itself.
     */
    private static void filter(ServletContext context, String name, Step step, DispatcherType... resumes) {
        FilterRegistration.Dynamic registration = context.addFilter(name, new StepFilter(step));
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, resumes), true, "/*");
    }

    private static ServletRegistration.Dynamic servlet(ServletContext context, String name, Servlet servlet,
                                                       String... patterns) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping(patterns);
        return registration;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (gateway != null) {
            gateway.stop();
        }
    }
}
