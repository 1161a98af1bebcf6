package io.github.apigateway.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that must not start a gateway; the message names the file and every problem found. */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        return "Invalid gateway config " + source + ":" + problems.stream()
                .map(problem -> "\n  " + problem)
                .collect(Collectors.joining());
    }
}
