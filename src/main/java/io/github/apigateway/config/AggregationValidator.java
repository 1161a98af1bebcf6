package io.github.apigateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a route's {@code aggregate}: its deadline and body cap within their ranges, at least one call,
 * and each call with a unique name, a known service and a path whose placeholders are known.
 */
final class AggregationValidator {

    static final long MAX_TIMEOUT_MS = 300_000;
    static final long MAX_RESPONSE_BYTES_LIMIT = 64L * 1024 * 1024;
    /** Names are JSON field names a client reads; a leading letter or digit keeps {@code _} fields the gateway's. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final ConfigProblems problems;
    private final Set<String> services;

    AggregationValidator(ConfigProblems problems, Set<String> services) {
        this.problems = problems;
        this.services = services;
    }

    /** @return the aggregation, or null when it has a problem */
    Aggregation check(String path, AggregateConfig aggregate) {
        int before = problems.count();
        Duration timeout = Duration.ofMillis(within(path + ".timeout_ms", aggregate.timeoutMs(), MAX_TIMEOUT_MS,
                Aggregation.DEFAULT_TIMEOUT.toMillis()));
        long maxResponseBytes = within(path + ".max_response_bytes", aggregate.maxResponseBytes(), MAX_RESPONSE_BYTES_LIMIT,
                Aggregation.DEFAULT_MAX_RESPONSE_BYTES);
        List<AggregateCall> calls = calls(path + ".calls", aggregate.calls());
        return problems.count() > before ? null : new Aggregation(timeout, maxResponseBytes, calls);
    }

    private long within(String path, Long value, long max, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            problems.add(path, "must be from 1 to " + max);
            return fallback;
        }
        return value;
    }

    private List<AggregateCall> calls(String path, List<AggregateCallConfig> calls) {
        List<AggregateCall> result = new ArrayList<>();
        if (calls == null || calls.isEmpty()) {
            problems.add(path, "must list at least one call");
            return result;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = call(ConfigProblems.element(path, i), calls.get(i), names);
            if (call != null) {
                result.add(call);
            }
        }
        return result;
    }

    private AggregateCall call(String path, AggregateCallConfig call, Set<String> names) {
        int before = problems.count();
        name(path + ".name", call.name(), names);
        if (problems.required(path + ".service", call.service()) && !services.contains(call.service())) {
            problems.add(path + ".service", "unknown service '" + call.service() + "'");
        }
        CallPath callPath = callPath(path + ".path", call.path());
        if (problems.count() > before) {
            return null;
        }
        return new AggregateCall(call.name(), call.service(), callPath, Boolean.TRUE.equals(call.required()));
    }

    private void name(String path, String name, Set<String> names) {
        if (!problems.required(path, name)) {
            return;
        }
        if (name.equals(Aggregation.ERRORS_FIELD)) {
            problems.add(path, "'" + name + "' is reserved: the answer names the failed calls' errors there");
        } else if (!NAME.matcher(name).matches()) {
            problems.add(path, "'" + name + "' must start with a letter or digit and hold only letters, digits, '_' and '-'");
        } else if (!names.add(name)) {
            problems.add(path, "duplicate call name '" + name + "'");
        }
    }

    private CallPath callPath(String path, String text) {
        if (!problems.required(path, text)) {
            return null;
        }
        try {
            return CallPath.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(path, "'" + text + "' " + e.getMessage());
            return null;
        }
    }
}
