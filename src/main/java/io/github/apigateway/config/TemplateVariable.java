package io.github.apigateway.config;

import java.util.Arrays;
import java.util.Optional;

/** What a {@link Template} can name: the caller's values, known once the request is authenticated. */
public enum TemplateVariable {
    USER_ID("user.id"),
    USER_NAME("user.name"),
    CLIENT_ID("client.id"),
    REQUEST_ID("request.id");

    private final String name;

    TemplateVariable(String name) {
        this.name = name;
    }

    /** The name written between {@code ${} and {@code }}. */
    public String variableName() {
        return name;
    }

    static Optional<TemplateVariable> named(String name) {
        return Arrays.stream(values()).filter(variable -> variable.name.equals(name)).findFirst();
    }
}
