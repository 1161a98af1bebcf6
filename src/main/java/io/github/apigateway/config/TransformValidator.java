package io.github.apigateway.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a route's {@code request_transform} and {@code response_transform}, and compiles them: header
 * templates parsed, the path regex compiled and its replacement's groups checked, query parameters
 * encoded, JSON field paths made into a tree.
 */
final class TransformValidator {

    /** RFC 9110 section 5.5 field values, ASCII only: visible characters, space and tab. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7E\\t]*");

    private final ConfigProblems problems;

    TransformValidator(ConfigProblems problems) {
        this.problems = problems;
    }

    RequestTransform request(String path, RequestTransformConfig config) {
        if (config == null) {
            return RequestTransform.NONE;
        }
        Map<String, Template> setHeaders = setHeaders(path + ".set_headers", config.setHeaders(),
                OwnedHeaders::inRequest, this::template);
        Set<String> removeHeaders = removeHeaders(path + ".remove_headers", config.removeHeaders(), OwnedHeaders::inRequest);
        PathRewrite rewrite = rewritePath(path + ".rewrite_path", config.rewritePath());
        QueryParameters query = query(path + ".set_query", config.setQuery());
        return new RequestTransform(setHeaders, removeHeaders, rewrite, query);
    }

    ResponseTransform response(String path, ResponseTransformConfig config) {
        if (config == null) {
            return ResponseTransform.NONE;
        }
        Map<String, String> setHeaders = setHeaders(path + ".set_headers", config.setHeaders(),
                OwnedHeaders::inResponse, this::literalValue);
        Set<String> removeHeaders = removeHeaders(path + ".remove_headers", config.removeHeaders(), OwnedHeaders::inResponse);
        return new ResponseTransform(setHeaders, removeHeaders, json(path + ".json", config.json()));
    }

    /** A value that is not valid is reported by {@code parse} and left out. */
    private <T> Map<String, T> setHeaders(String path, Map<String, String> headers, Function<String, String> owned,
                                          ValueParser<T> parse) {
        Map<String, T> result = new LinkedHashMap<>();
        if (headers == null) {
            return result;
        }
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            String at = path + "." + name;
            if (header(at, name, owned) && !seen.add(name)) {
                problems.add(at, "is set twice (header names are case-insensitive)");
            }
            T parsed = parse.parse(at, value);
            if (parsed != null) {
                result.put(name, parsed);
            }
        });
        return result;
    }

    private Set<String> removeHeaders(String path, List<String> names, Function<String, String> owned) {
        Set<String> result = new LinkedHashSet<>();
        if (names == null) {
            return result;
        }
        for (int i = 0; i < names.size(); i++) {
            if (header(ConfigProblems.element(path, i), names.get(i), owned)) {
                result.add(names.get(i));
            }
        }
        return result;
    }

    /** @return whether the name is one a transform may set or remove */
    private boolean header(String path, String name, Function<String, String> owned) {
        int before = problems.count();
        problems.headerName(path, name);
        String reason = owned.apply(name);
        if (reason != null) {
            problems.add(path, "'" + name + "' " + reason + "; a transform cannot set or remove it");
        }
        return problems.count() == before;
    }

    private Template template(String path, String value) {
        if (literalValue(path, value) == null) {
            return null;
        }
        try {
            return Template.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(path, "'" + value + "' " + e.getMessage());
            return null;
        }
    }

    private String literalValue(String path, String value) {
        if (!HEADER_VALUE.matcher(value).matches()) {
            problems.add(path, "must hold only visible ASCII characters, spaces and tabs");
            return null;
        }
        return value;
    }

    private PathRewrite rewritePath(String path, RewritePathConfig config) {
        if (config == null) {
            return null;
        }
        boolean complete = problems.required(path + ".regex", config.regex());
        if (config.replacement() == null) {
            problems.add(path + ".replacement", "is required");
            complete = false;
        }
        if (!complete) {
            return null;
        }
        try {
            return PathRewrite.compile(config.regex(), config.replacement());
        } catch (PathRewrite.InvalidRewrite e) {
            problems.add(path + "." + e.field(), e.getMessage());
            return null;
        }
    }

    private QueryParameters query(String path, Map<String, String> parameters) {
        if (parameters == null) {
            return QueryParameters.NONE;
        }
        parameters.keySet().stream().filter(String::isEmpty)
                .forEach(name -> problems.add(path, "a parameter name must not be empty"));
        return QueryParameters.of(parameters);
    }

    private JsonFieldRules json(String path, JsonTransformConfig config) {
        if (config == null) {
            return null;
        }
        List<List<String>> removals = new ArrayList<>();
        List<String> removeFields = config.removeFields() == null ? List.of() : config.removeFields();
        for (int i = 0; i < removeFields.size(); i++) {
            List<String> fieldPath = fieldPath(ConfigProblems.element(path + ".remove_fields", i), removeFields.get(i));
            if (fieldPath != null) {
                removals.add(fieldPath);
            }
        }
        Map<List<String>, String> renames = new LinkedHashMap<>();
        Map<String, String> renameFields = config.renameFields() == null ? Map.of() : config.renameFields();
        renameFields.forEach((from, to) -> {
            String at = path + ".rename_fields." + from;
            List<String> fieldPath = fieldPath(at, from);
            if (fieldPath != null && removals.contains(fieldPath)) {
                problems.add(at, "'" + from + "' is also in remove_fields");
            } else if (to.isEmpty() || to.contains(".")) {
                problems.add(at, "the new name must be one field name, not empty and without '.'");
            } else if (fieldPath != null) {
                renames.put(fieldPath, to);
            }
        });
        if (removals.isEmpty() && renames.isEmpty()) {
            return null;
        }
        return JsonFieldRules.of(removals, renames);
    }

    /** @return the names of a dotted path, or null when one is empty */
    private List<String> fieldPath(String path, String dotted) {
        List<String> names = Arrays.asList(dotted.split("\\.", -1));
        if (names.contains("")) {
            problems.add(path, "'" + dotted + "' is not a dotted path of field names");
            return null;
        }
        return names;
    }

    @FunctionalInterface
    private interface ValueParser<T> {
        /** @return the parsed value, or null after reporting a problem at {@code path} */
        T parse(String path, String value);
    }
}
