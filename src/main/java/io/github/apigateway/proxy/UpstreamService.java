package io.github.apigateway.proxy;

import io.github.apigateway.config.RetrySettings;
import io.github.apigateway.config.ServiceDefinition;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.util.Timeout;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A configured service as the proxy calls it: its instances with their load balancing, passive outlier
 * detection and retry budget, and the service's own response timeout, which each request carries to the
 * one client all services share. Thread-safe: the parts it holds are (see each one's comment).
 */
public final class UpstreamService {

    private final String name;
    private final LoadBalancer balancer;
    private final OutlierDetector outliers;
    private final RetryBudget retryBudget;
    private final RetrySettings retries;
    private final RequestConfig requestConfig;

    private UpstreamService(ServiceDefinition definition, LongSupplier nanoClock, EjectionListener ejections) {
        List<UpstreamInstance> instances = definition.instances().stream().map(UpstreamInstance::new).toList();
        this.name = definition.name();
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
    }

    public static UpstreamService of(ServiceDefinition definition) {
        return of(definition, System::nanoTime, EjectionListener.NONE);
    }

    static UpstreamService of(ServiceDefinition definition, LongSupplier nanoClock, EjectionListener ejections) {
        return new UpstreamService(definition, nanoClock, ejections);
    }

    public String name() {
        return name;
    }

    /** The tries of one request with this method. */
    public UpstreamAttempts attempts(String method) {
        return new UpstreamAttempts(this, method);
    }

    /** @return a usable instance that is not ejected, or null */
    UpstreamInstance choose(Predicate<UpstreamInstance> usable) {
        return balancer.choose(usable);
    }

    boolean isEjected(UpstreamInstance instance) {
        return outliers.isEjected(instance);
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
