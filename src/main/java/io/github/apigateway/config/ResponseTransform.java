package io.github.apigateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's validated {@code response_transform}, applied to the upstream's answer on its way to the client.
 *
 * @param setHeaders    header name to value; each replaces every value the upstream sent
 * @param removeHeaders case-insensitive names of the upstream's headers the client does not get
 * @param json          the field rules for {@code application/json} bodies; null when bodies pass as they are
 */
public record ResponseTransform(Map<String, String> setHeaders, Set<String> removeHeaders, JsonFieldRules json) {

    public static final ResponseTransform NONE = new ResponseTransform(Map.of(), Set.of(), null);

    public ResponseTransform {
        setHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(setHeaders));
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(removeHeaders);
        removeHeaders = Collections.unmodifiableSet(names);
    }

    public boolean changesHeaders() {
        return !setHeaders.isEmpty() || !removeHeaders.isEmpty();
    }
}
