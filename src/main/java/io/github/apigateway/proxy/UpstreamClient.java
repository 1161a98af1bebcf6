package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pooled async HTTP client of one upstream service, hardened for proxying: no redirects followed,
 * no cookie store, no content decompression, and retries only where they are safe
 * ({@link IdempotentRetry}: a retried POST is a duplicated order). Instances are used in turn.
 */
public final class UpstreamClient implements AutoCloseable {

    /** Envoy's default circuit-breaker limit; enough for the 1,000-slow-requests case, bounded all the same. */
    public static final int MAX_CONNECTIONS_PER_INSTANCE = 1024;

    private static final System.Logger LOG = System.getLogger(UpstreamClient.class.getName());

    private final List<HttpHost> instances;
    private final AtomicInteger nextInstance = new AtomicInteger();
    private final CloseableHttpAsyncClient client;

    private UpstreamClient(List<HttpHost> instances, CloseableHttpAsyncClient client) {
        this.instances = instances;
        this.client = client;
    }

    public static UpstreamClient start(ServiceDefinition service) {
        List<HttpHost> instances = service.instances().stream().map(HttpHost::create).toList();
        Timeout connectTimeout = Timeout.of(service.connectTimeout());
        Timeout responseTimeout = Timeout.of(service.responseTimeout());
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_INSTANCE)
                .setMaxConnTotal(MAX_CONNECTIONS_PER_INSTANCE * instances.size())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(responseTimeout)
                        .build())
                .build();
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Runtime.getRuntime().availableProcessors())
                        .setTcpNoDelay(true)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(responseTimeout)
                        .setResponseTimeout(responseTimeout)
                        .setRedirectsEnabled(false)
                        .build())
                .setIoReactorExceptionCallback(failure -> LOG.log(System.Logger.Level.ERROR,
                        "Unexpected failure in the I/O of service '" + service.name() + "'", failure))
                .addRequestInterceptorLast(new UserAgentPassThrough())
                .disableRedirectHandling()
                .disableCookieManagement()
                .setRetryStrategy(new IdempotentRetry())
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        client.start();
        return new UpstreamClient(instances, client);
    }

    public HttpHost nextInstance() {
        return instances.get(Math.floorMod(nextInstance.getAndIncrement(), instances.size()));
    }

    public Future<Void> execute(HttpHost instance, AsyncRequestProducer request, AsyncResponseConsumer<Void> response,
                         HttpContext context, FutureCallback<Void> callback) {
        return client.execute(instance, request, response, null, context, callback);
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
