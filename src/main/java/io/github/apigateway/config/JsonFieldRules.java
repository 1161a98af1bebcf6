package io.github.apigateway.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's validated {@code response_transform.json}, as a tree of field names: the rules for an
 * object's fields, each naming what happens to the field (removed, renamed) and the rules for what is
 * inside its value. An array takes the rules of the field that holds it for each of its elements, so
 * {@code items.secret} reaches {@code secret} in every element of {@code items}.
 *
 * @param fields    the rules of the fields of an object this node applies to
 * @param removed   whether the field this node describes is dropped with its value
 * @param renamedTo the field's new name, or null when it keeps its own
 */
public record JsonFieldRules(Map<String, JsonFieldRules> fields, boolean removed, String renamedTo) {

    public JsonFieldRules {
        fields = Map.copyOf(fields);
    }

    /** The rules for the field named {@code name} of an object this node applies to, or null when it has none. */
    public JsonFieldRules field(String name) {
        return fields.get(name);
    }

    /**
     * @param removals paths split at their dots
     * @param renames  paths split at their dots, to the new last name
     */
    public static JsonFieldRules of(List<List<String>> removals, Map<List<String>, String> renames) {
        Node root = new Node();
        removals.forEach(path -> root.at(path).removed = true);
        renames.forEach((path, name) -> root.at(path).renamedTo = name);
        return root.freeze();
    }

    /** The tree while it is built. */
    private static final class Node {

        private final Map<String, Node> fields = new HashMap<>();
        private boolean removed;
        private String renamedTo;

        Node at(List<String> path) {
            Node node = this;
            for (String name : path) {
                node = node.fields.computeIfAbsent(name, ignored -> new Node());
            }
            return node;
        }

        JsonFieldRules freeze() {
            Map<String, JsonFieldRules> frozen = new HashMap<>();
            fields.forEach((name, node) -> frozen.put(name, node.freeze()));
            return new JsonFieldRules(frozen, removed, renamedTo);
        }
    }
}
