package io.github.apigateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The problems found in one config, each with the JSON path of its field, and the field checks every part
 * of the file shares. A check reports what is wrong and goes on, so that the operator sees every problem
 * at once. Used by one thread, while a config is validated.
 */
final class ConfigProblems {

    /** RFC 9110 section 5.6.2: the characters of a header name or a method. */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final List<ConfigProblem> problems = new ArrayList<>();

    /** The path of the element at {@code index} of the array at {@code path}. */
    static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    void add(String path, String reason) {
        problems.add(new ConfigProblem(path, reason));
    }

    /** How many problems are known so far: a part that finds more after its checks is itself invalid. */
    int count() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** @return whether the value is there, so that the checks of its content can follow */
    boolean required(String path, String value) {
        if (value == null || value.isBlank()) {
            add(path, "is required");
            return false;
        }
        return true;
    }

    void oneOf(String path, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(path, "'" + value + "' must be one of " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    void positive(String path, long value) {
        if (value <= 0) {
            add(path, "must be greater than 0");
        }
    }

    /** @return the duration, or the fallback when the field is left out */
    Duration positiveMillis(String path, Long value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        positive(path, value);
        return Duration.ofMillis(Math.max(1, value));
    }

    /** @return the value, or the fallback when the field is left out or out of range */
    int between(String path, Integer value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            add(path, "must be from " + min + " to " + max);
            return fallback;
        }
        return value;
    }

    void headerName(String path, String name) {
        if (!TOKEN.matcher(name).matches()) {
            add(path, "'" + name + "' is not a valid header name");
        }
    }

    void notBlank(String path, List<String> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) {
                add(element(path, i), "must not be blank");
            }
        }
    }
}
