package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** One {@link UpstreamClient} per configured service, started with the gateway and closed with it. */
public final class UpstreamClients implements AutoCloseable {

    private final Map<String, UpstreamClient> byService;

    private UpstreamClients(Map<String, UpstreamClient> byService) {
        this.byService = Map.copyOf(byService);
    }

    public static UpstreamClients start(Collection<ServiceDefinition> services) {
        Map<String, UpstreamClient> clients = new HashMap<>();
        try {
            for (ServiceDefinition service : services) {
                clients.put(service.name(), UpstreamClient.start(service));
            }
        } catch (RuntimeException e) {
            clients.values().forEach(UpstreamClient::close);
            throw e;
        }
        return new UpstreamClients(clients);
    }

    public UpstreamClient forService(String name) {
        UpstreamClient client = byService.get(name);
        if (client == null) {
            throw new IllegalStateException("No client for service '" + name + "'; the config validator should have refused the route");
        }
        return client;
    }

    @Override
    public void close() {
        byService.values().forEach(UpstreamClient::close);
    }
}
