package io.github.apigateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's validated {@code request_transform}, applied after authentication to the request as the
 * gateway forwards it.
 *
 * @param setHeaders    header name to value template; each replaces every value the client sent
 * @param removeHeaders case-insensitive names of the client's headers that do not go upstream
 * @param rewritePath   applied to the path as {@code strip_path} left it; null when the path stays
 * @param setQuery      the query parameters added or replaced
 */
public record RequestTransform(Map<String, Template> setHeaders, Set<String> removeHeaders, PathRewrite rewritePath,
                               QueryParameters setQuery) {

    public static final RequestTransform NONE = new RequestTransform(Map.of(), Set.of(), null, QueryParameters.NONE);

    public RequestTransform {
        setHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(setHeaders));
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(removeHeaders);
        removeHeaders = Collections.unmodifiableSet(names);
    }

    public boolean changesHeaders() {
        return !setHeaders.isEmpty() || !removeHeaders.isEmpty();
    }
}
