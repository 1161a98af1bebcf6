package io.github.apigateway.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks {@code rate_limits}, and the references to them by id from routes and {@code default_rate_limits}.
 * {@link #check} runs first, so that the references can be checked against the ids it found.
 */
final class RateLimitsValidator {

    private static final Set<String> SOURCES = Set.of("ip_address", "user", "client", "header", "route");

    private final ConfigProblems problems;
    private final Set<String> ids = new HashSet<>();

    RateLimitsValidator(ConfigProblems problems) {
        this.problems = problems;
    }

    void check(List<RateLimitConfig> limits) {
        if (limits == null) {
            return;
        }
        for (int i = 0; i < limits.size(); i++) {
            limit(ConfigProblems.element("rate_limits", i), limits.get(i));
        }
    }

    /** Every id in {@code references} must name a limit of {@code rate_limits}. */
    void references(String path, List<String> references) {
        if (references == null) {
            return;
        }
        for (int i = 0; i < references.size(); i++) {
            if (!ids.contains(references.get(i))) {
                problems.add(ConfigProblems.element(path, i), "unknown rate limit id '" + references.get(i) + "'");
            }
        }
    }

    /** The limits of a config that passed {@link #check}, by id. */
    static Map<String, RateLimit> byId(List<RateLimitConfig> limits) {
        Map<String, RateLimit> byId = new HashMap<>();
        for (RateLimitConfig limit : Objects.requireNonNullElse(limits, List.<RateLimitConfig>of())) {
            RateLimit.Condition when = limit.when() == null ? null
                    : new RateLimit.Condition(limit.when().header(), limit.when().equalTo());
            byId.put(limit.id(), RateLimit.perMinute(limit.id(), RateLimit.Source.valueOf(limit.source().toUpperCase(Locale.ROOT)),
                    limit.headerName(), when, limit.requestsPerMinute(), limit.burst()));
        }
        return byId;
    }

    private void limit(String path, RateLimitConfig limit) {
        if (problems.required(path + ".id", limit.id()) && !ids.add(limit.id())) {
            problems.add(path + ".id", "duplicate rate limit id '" + limit.id() + "'");
        }
        if (problems.required(path + ".source", limit.source())) {
            problems.oneOf(path + ".source", limit.source(), SOURCES);
        }
        headerSource(path, limit);
        if (limit.when() != null) {
            if (problems.required(path + ".when.header", limit.when().header())) {
                problems.headerName(path + ".when.header", limit.when().header());
            }
            problems.required(path + ".when.equals", limit.when().equalTo());
        }
        if (limit.requestsPerMinute() == null) {
            problems.add(path + ".requests_per_minute", "is required");
        } else {
            problems.positive(path + ".requests_per_minute", limit.requestsPerMinute());
        }
        if (limit.burst() != null) {
            problems.positive(path + ".burst", limit.burst());
        }
    }

    /** {@code header_name} belongs to {@code "source": "header"}, and only to it. */
    private void headerSource(String path, RateLimitConfig limit) {
        boolean byHeader = "header".equals(limit.source());
        if (byHeader && problems.required(path + ".header_name", limit.headerName())) {
            problems.headerName(path + ".header_name", limit.headerName());
        } else if (!byHeader && limit.headerName() != null) {
            problems.add(path + ".header_name", "only applies to \"source\": \"header\"");
        }
    }
}
