package io.github.apigateway.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Finds the gateway config in the order docs/configuration.md gives: system property {@code gateway.config},
 * environment variable {@code GATEWAY_CONFIG}, context init-param {@code gateway.config}, else the file
 * bundled in the WAR.
 */
public final class ConfigLocation {

    public static final String PROPERTY = "gateway.config";
    public static final String ENVIRONMENT_VARIABLE = "GATEWAY_CONFIG";
    public static final String INIT_PARAMETER = "gateway.config";
    public static final String BUNDLED_RESOURCE = "/WEB-INF/gateway.json";

    private ConfigLocation() {
    }

    /**
     * @param systemProperties  looks up a system property
     * @param environment       looks up an environment variable
     * @param initParameters    looks up a context init-param
     * @param bundled           the config packaged in the WAR
     */
    public static ConfigSource resolve(Function<String, String> systemProperties,
                                       Function<String, String> environment,
                                       Function<String, String> initParameters,
                                       ConfigSource bundled) {
        String path = firstSet(systemProperties.apply(PROPERTY),
                environment.apply(ENVIRONMENT_VARIABLE),
                initParameters.apply(INIT_PARAMETER));
        return path == null ? bundled : ConfigSource.file(Path.of(path));
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return null;
    }
}
