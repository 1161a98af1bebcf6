package io.github.apigateway.config;

import java.util.Arrays;
import java.util.Optional;

/** How a route authenticates its callers: the {@code auth} field of a route. */
public enum AuthMode {
    NONE("none"),
    BEARER("bearer"),
    API_KEY("api_key"),
    ANY("any"),
    BROWSER("browser");

    /** Secure by default: a route that says nothing needs a bearer token. */
    public static final AuthMode DEFAULT = BEARER;

    private final String configName;

    AuthMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<AuthMode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.configName.equals(name)).findFirst();
    }
}
