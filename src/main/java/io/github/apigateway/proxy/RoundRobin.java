package io.github.apigateway.proxy;

import org.apache.hc.core5.http.HttpHost;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Chooses a service's instances in turn. Thread-safe: the turn is one atomic counter. */
public final class RoundRobin {

    private final List<HttpHost> instances;
    private final AtomicInteger turn = new AtomicInteger();

    public RoundRobin(List<HttpHost> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one instance; the config validator should have refused it");
        }
        this.instances = List.copyOf(instances);
    }

    public HttpHost next() {
        return instances.get(Math.floorMod(turn.getAndIncrement(), instances.size()));
    }
}
