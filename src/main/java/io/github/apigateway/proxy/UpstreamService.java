package io.github.apigateway.proxy;

import io.github.apigateway.config.HealthCheckSettings;
import io.github.apigateway.config.RetrySettings;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.http.GatewayException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A configured service as the proxy calls it: its instances with their load balancing, passive outlier
 * detection and retry budget, its circuit breaker if it has one, and the service's own response timeout,
 * which each request carries to the one client all services share. Thread-safe: the parts it holds are
 * (see each one's comment).
 */
public final class UpstreamService {

    private final ServiceDefinition definition;
    private final String name;
    private final List<UpstreamInstance> instances;
    private final HealthCheckSettings healthCheck;
    private final LoadBalancer balancer;
    private final OutlierDetector outliers;
    private final RetryBudget retryBudget;
    private final RetrySettings retries;
    private final RequestConfig requestConfig;
    /** Null when the service has none. */
    private final CircuitBreaker breaker;
    /** Added before the service is published, by the one thread that configures it. */
    private final List<HealthProbe> probes = new CopyOnWriteArrayList<>();

    private UpstreamService(ServiceDefinition definition, LongSupplier nanoClock, EjectionListener ejections) {
        List<UpstreamInstance> instances = definition.instances().stream().map(UpstreamInstance::new).toList();
        this.definition = definition;
        this.name = definition.name();
        this.instances = instances;
        this.healthCheck = definition.healthCheck();
        this.balancer = LoadBalancer.of(definition.loadBalancing(), instances);
        this.outliers = new OutlierDetector(name, instances, definition.outlierDetection(), nanoClock, ejections);
        this.retryBudget = new RetryBudget(definition.retries().budgetPercent(), nanoClock);
        this.retries = definition.retries();
        Timeout responseTimeout = Timeout.of(definition.responseTimeout());
        this.requestConfig = RequestConfig.custom()
                // Waiting for a pooled connection counts against the same patience as the answer.
                .setConnectionRequestTimeout(responseTimeout)
                .setResponseTimeout(responseTimeout)
                .setRedirectsEnabled(false)
                .build();
        this.breaker = definition.circuitBreaker() == null ? null : new CircuitBreaker(definition.circuitBreaker(), nanoClock);
    }

    public static UpstreamService of(ServiceDefinition definition) {
        return of(definition, System::nanoTime, EjectionListener.NONE);
    }

    static UpstreamService of(ServiceDefinition definition, EjectionListener ejections) {
        return of(definition, System::nanoTime, ejections);
    }

    static UpstreamService of(ServiceDefinition definition, LongSupplier nanoClock, EjectionListener ejections) {
        return new UpstreamService(definition, nanoClock, ejections);
    }

    public String name() {
        return name;
    }

    /** The configured instances, in config order. */
    public List<UpstreamInstance> instances() {
        return instances;
    }

    /**
     * Whether the instance takes requests now (neither ejected nor taken out by its health checks): its
     * {@code gateway_upstream_instance_up}.
     */
    public boolean takesRequests(UpstreamInstance instance) {
        return isAvailable(instance);
    }

    /** What the instance's health checks and ejections make of it now, for the admin status. */
    public InstanceState state(UpstreamInstance instance) {
        return outliers.state(instance);
    }

    /** The tries of one request with this method. */
    public UpstreamAttempts attempts(String method) {
        return new UpstreamAttempts(this, method);
    }

    /** @return a usable instance that is not ejected, or null */
    UpstreamInstance choose(Predicate<UpstreamInstance> usable) {
        return balancer.choose(usable);
    }

    /** The config this service was built from; an equal one in a newer config keeps this service. */
    ServiceDefinition definition() {
        return definition;
    }

    /** Starts probing each instance, when the service has active health checks. */
    void startHealthChecks(CloseableHttpAsyncClient client, ScheduledExecutorService timer) {
        if (healthCheck != null) {
            for (UpstreamInstance instance : instances) {
                HealthProbe probe = new HealthProbe(name, instance, healthCheck, client, timer);
                probes.add(probe);
                probe.start();
            }
        }
    }

    /** Ends the health checks of a service a newer config replaced; requests still on it finish as they are. */
    void stopHealthChecks() {
        probes.forEach(HealthProbe::stop);
    }

    /** @return whether the instance with this URL was ejected as another node announced */
    boolean applyAnnouncedEjection(URI instance, Duration duration) {
        return outliers.applyAnnounced(instance, duration);
    }

    /** @return the request's permit to call the service, or null when its circuit breaker refuses it */
    CircuitBreaker.Permit permitToCall() {
        return breaker == null ? CircuitBreaker.Permit.UNCOUNTED : breaker.tryAcquire();
    }

    public CircuitState circuitState() {
        return breaker == null ? CircuitState.OFF : breaker.state();
    }

    /** The answer to a request the open circuit breaker refuses: at once, without touching an instance. */
    GatewayException circuitOpen() {
        return new GatewayException(503, "circuit_open", "The upstream service is failing; requests to it are paused.",
                Map.of("Retry-After", Long.toString(breaker.secondsUntilTrial())));
    }

    boolean isAvailable(UpstreamInstance instance) {
        return outliers.isAvailable(instance);
    }

    RetrySettings retries() {
        return retries;
    }

    RetryBudget retryBudget() {
        return retryBudget;
    }

    /** A try that got an answer the contract does not count as a failure. */
    public void succeeded(UpstreamInstance instance) {
        outliers.succeeded(instance);
    }

    /** A try that failed: see {@link UpstreamFailures#isFailureStatus} and {@link UpstreamFailures#countsAgainstInstance}. */
    public void failed(UpstreamInstance instance) {
        outliers.failed(instance);
    }

    /** Whether any instance is neither ejected nor failed its last try. */
    public boolean hasHealthyInstance() {
        return outliers.hasHealthyInstance();
    }

    long secondsUntilAnInstanceReturns() {
        return outliers.secondsUntilAnInstanceReturns();
    }

    /** The context of one exchange with this service. */
    public HttpClientContext newContext() {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        return context;
    }
}
