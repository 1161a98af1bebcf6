package io.github.apigateway.proxy;

import io.github.apigateway.config.LoadBalancing;
import io.github.apigateway.config.OutlierDetectionSettings;
import io.github.apigateway.config.RetrySettings;
import io.github.apigateway.config.ServiceDefinition;
import io.github.apigateway.config.ServiceInstance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Service definitions for the proxy's unit tests: weight 1, every resilience default and neither health checks nor a circuit breaker unless a test says otherwise. */
final class ServiceDefinitions {

    private ServiceDefinitions() {
    }

    static ServiceDefinition of(String name, Duration connectTimeout, Duration responseTimeout, String... urls) {
        return new ServiceDefinition(name, instances(urls), connectTimeout, responseTimeout,
                LoadBalancing.ROUND_ROBIN, RetrySettings.DEFAULT, OutlierDetectionSettings.DEFAULT, null, null);
    }

    static List<ServiceInstance> instances(String... urls) {
        return List.of(urls).stream().map(url -> new ServiceInstance(URI.create(url), ServiceInstance.DEFAULT_WEIGHT)).toList();
    }

    /** Instances named a, b, c... with the given weights, as the balancers see them. */
    static List<UpstreamInstance> weighted(int... weights) {
        return IntStream.range(0, weights.length)
                .mapToObj(i -> new UpstreamInstance(new ServiceInstance(URI.create("http://" + (char) ('a' + i) + ":80"), weights[i])))
                .toList();
    }
}
