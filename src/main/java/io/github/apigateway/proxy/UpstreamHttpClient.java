package io.github.apigateway.proxy;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;


/**
 * The gateway's one async HTTP client and connection pool, shared by all services, hardened for
 * proxying: no redirects followed, no cookie store, no content decompression, and no retries of its
 * own: a retry goes to another instance, where and when {@link UpstreamAttempts} says it is safe (a
 * retried POST is a duplicated order). One client, because
 * each starts an I/O thread per core: a client per service would start hundreds of threads for a few
 * hundred services. What differs per service travels with each request ({@link UpstreamService}) or
 * is resolved per instance ({@link InstanceConnectionConfigs}).
 */
final class UpstreamHttpClient {

    /** Envoy's default circuit-breaker limit; enough for the 1,000-slow-requests case, bounded all the same. */
    static final int MAX_CONNECTIONS_PER_INSTANCE = 1024;

    private static final System.Logger LOG = System.getLogger(UpstreamHttpClient.class.getName());

    private UpstreamHttpClient() {
    }

    static PoolingAsyncClientConnectionManager connectionPool(InstanceConnectionConfigs instances) {
        return PoolingAsyncClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_INSTANCE)
                .setMaxConnTotal(maxTotal(instances))
                .setConnectionConfigResolver(instances)
                .build();
    }

    static int maxTotal(InstanceConnectionConfigs instances) {
        return MAX_CONNECTIONS_PER_INSTANCE * Math.max(1, instances.instanceCount());
    }

    static CloseableHttpAsyncClient start(PoolingAsyncClientConnectionManager connections) {
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Runtime.getRuntime().availableProcessors())
                        .setTcpNoDelay(true)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
                .setIoReactorExceptionCallback(failure -> LOG.log(System.Logger.Level.ERROR,
                        "Unexpected failure in the upstream I/O", failure))
                .addRequestInterceptorLast(new UserAgentPassThrough())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        client.start();
        return client;
    }
}
