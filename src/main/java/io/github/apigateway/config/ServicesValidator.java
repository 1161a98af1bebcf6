package io.github.apigateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code services}: every service has weighted instance base URLs, positive timeouts, a known
 * load balancing policy and sane retry, outlier detection, health check and circuit breaker settings.
 */
final class ServicesValidator {

    private final ConfigProblems problems;

    ServicesValidator(ConfigProblems problems) {
        this.problems = problems;
    }

    /** @return the services by name, in file order */
    Map<String, ServiceDefinition> check(Map<String, ServiceConfig> services) {
        Map<String, ServiceDefinition> definitions = new LinkedHashMap<>();
        if (services == null || services.isEmpty()) {
            problems.add("services", "at least one service is required");
            return definitions;
        }
        services.forEach((name, service) -> {
            String path = "services." + name;
            if (service == null) {
                problems.add(path, "must be an object");
                return;
            }
            definitions.put(name, service(path, name, service));
        });
        return definitions;
    }

    private ServiceDefinition service(String path, String name, ServiceConfig service) {
        List<ServiceInstance> instances = instances(path + ".instances", service.instances());
        Duration connect = problems.positiveMillis(path + ".connect_timeout_ms", service.connectTimeoutMs(),
                ServiceDefinition.DEFAULT_CONNECT_TIMEOUT);
        Duration response = problems.positiveMillis(path + ".response_timeout_ms", service.responseTimeoutMs(),
                ServiceDefinition.DEFAULT_RESPONSE_TIMEOUT);
        ResilienceValidator resilience = new ResilienceValidator(problems, path);
        return new ServiceDefinition(name, instances, connect, response,
                resilience.loadBalancing(service.loadBalancing()), resilience.retries(service.retries()),
                resilience.outlierDetection(service.outlierDetection()), resilience.healthCheck(service.healthCheck()),
                resilience.circuitBreaker(service.circuitBreaker()));
    }

    private List<ServiceInstance> instances(String path, List<InstanceConfig> configs) {
        List<ServiceInstance> instances = new ArrayList<>();
        if (configs == null || configs.isEmpty()) {
            problems.add(path, "at least one instance URL is required");
            return instances;
        }
        for (int i = 0; i < configs.size(); i++) {
            String instancePath = ConfigProblems.element(path, i);
            InstanceConfig config = configs.get(i);
            int weight = problems.between(instancePath + ".weight", config.weight(), 1, ServiceInstance.MAX_WEIGHT,
                    ServiceInstance.DEFAULT_WEIGHT);
            if (!problems.required(instancePath + ".url", config.url())) {
                continue;
            }
            String reason = instanceProblem(config.url());
            if (reason != null) {
                problems.add(instancePath, reason);
            } else {
                instances.add(new ServiceInstance(URI.create(config.url()), weight));
            }
        }
        return instances;
    }

    /** @return why the URL cannot be an instance's base URL, or null when it can */
    private static String instanceProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a valid URL: " + e.getReason();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return "'" + url + "' must be an http:// or https:// URL";
        }
        if (uri.getHost() == null) {
            return "'" + url + "' must name a host (and a port from 1 to 65535, if any)";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            return "'" + url + "' must be only scheme://host:port, without user info, path, query or fragment";
        }
        return null;
    }
}
