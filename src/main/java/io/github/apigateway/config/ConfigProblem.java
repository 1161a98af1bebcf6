package io.github.apigateway.config;

/** One reason a config file is invalid, located by the JSON path of the offending field. */
public record ConfigProblem(String path, String reason) {

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + reason;
    }
}
