package io.github.apigateway.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A header value with {@code ${...}} variables, parsed once at load: the literal text around the
 * variables, so that a request only joins strings. A {@code $} not followed by {@code {} is literal.
 *
 * @param literals  one more than {@code variables}: the text before each variable, then the text after the last
 * @param variables in order of appearance
 */
public record Template(List<String> literals, List<TemplateVariable> variables) {

    public Template {
        literals = List.copyOf(literals);
        variables = List.copyOf(variables);
        if (literals.size() != variables.size() + 1) {
            throw new IllegalArgumentException("a template has one more literal than variables");
        }
    }

    /** @throws IllegalArgumentException for an unknown variable or an unclosed {@code ${} */
    public static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<TemplateVariable> variables = new ArrayList<>();
        int from = 0;
        for (int start = text.indexOf("${"); start >= 0; start = text.indexOf("${", from)) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("has an unclosed '${' at " + start);
            }
            String name = text.substring(start + 2, end);
            literals.add(text.substring(from, start));
            variables.add(TemplateVariable.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "names an unknown variable '${" + name + "}'; known: " + known())));
            from = end + 1;
        }
        literals.add(text.substring(from));
        return new Template(literals, variables);
    }

    private static String known() {
        return Arrays.stream(TemplateVariable.values()).map(variable -> "${" + variable.variableName() + "}")
                .collect(Collectors.joining(", "));
    }

    /** @param values a variable's value; never null (an anonymous caller's are empty) */
    public String expand(Function<TemplateVariable, String> values) {
        if (variables.isEmpty()) {
            return literals.get(0);
        }
        StringBuilder expanded = new StringBuilder(literals.get(0));
        for (int i = 0; i < variables.size(); i++) {
            expanded.append(values.apply(variables.get(i))).append(literals.get(i + 1));
        }
        return expanded.toString();
    }
}
