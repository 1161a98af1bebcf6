package io.github.apigateway.config;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How a service spreads its requests over its instances ({@code load_balancing}). */
public enum LoadBalancing {
    ROUND_ROBIN("round_robin"),
    LEAST_REQUEST("least_request"),
    RANDOM("random");

    static final Map<String, LoadBalancing> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LoadBalancing::configName, Function.identity()));

    private final String configName;

    LoadBalancing(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
