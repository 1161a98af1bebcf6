package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * A configured service as the proxy calls it: the instance for the next request, and the service's own
 * response timeout, which each request carries to the one client all services share. Immutable apart
 * from the instance choice, which is thread-safe.
 */
public final class UpstreamService {

    private final RoundRobin instances;
    private final RequestConfig requestConfig;

    private UpstreamService(RoundRobin instances, RequestConfig requestConfig) {
        this.instances = instances;
        this.requestConfig = requestConfig;
    }

    public static UpstreamService of(ServiceDefinition definition) {
        Timeout responseTimeout = Timeout.of(definition.responseTimeout());
        return new UpstreamService(new RoundRobin(definition.instances().stream().map(HttpHost::create).toList()),
                RequestConfig.custom()
                        // Waiting for a pooled connection counts against the same patience as the answer.
                        .setConnectionRequestTimeout(responseTimeout)
                        .setResponseTimeout(responseTimeout)
                        .setRedirectsEnabled(false)
                        .build());
    }

    public HttpHost nextInstance() {
        return instances.next();
    }

    /** The context of one exchange with this service. */
    public HttpClientContext newContext() {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        return context;
    }
}
