package io.github.apigateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's validated {@code request_transform.rewrite_path}: the regex compiled once, the replacement
 * split at load into literal text and group numbers ({@code $1}; {@code \$} is a literal {@code $}), each
 * group checked against the regex, so that a request never parses either.
 *
 * @param literals one more than {@code groups}: the text before each group, then the text after the last
 * @param groups   the capturing groups the replacement names, in order
 */
public record PathRewrite(Pattern regex, List<String> literals, List<Integer> groups) {

    /** The characters a path may hold (RFC 3986 pchar and '/'), less ';', which the gateway refuses in paths. */
    private static final Pattern PATH_CHARACTERS = Pattern.compile("[A-Za-z0-9._~!$&'()*+,=:@%/-]*");

    public PathRewrite {
        literals = List.copyOf(literals);
        groups = List.copyOf(groups);
    }

    /** @throws IllegalArgumentException naming the field at fault: {@code regex} or {@code replacement} */
    public static PathRewrite compile(String regex, String replacement) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidRewrite("regex", "is not a valid regular expression: " + e.getDescription());
        }
        int groupCount = pattern.matcher("").groupCount();
        List<String> literals = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                literal.append(replacement.charAt(++i));
            } else if (c == '$') {
                int end = digitsEnd(replacement, i + 1);
                if (end == i + 1) {
                    throw new InvalidRewrite("replacement", "'$' must be followed by a group number ($1); write \\$ for a literal '$'");
                }
                int group = Integer.parseInt(replacement.substring(i + 1, end));
                if (group > groupCount) {
                    throw new InvalidRewrite("replacement", "refers to group $" + group + ", but the regex has "
                            + groupCount + (groupCount == 1 ? " group" : " groups"));
                }
                literals.add(literal.toString());
                literal.setLength(0);
                groups.add(group);
                i = end - 1;
            } else {
                literal.append(c);
            }
        }
        literals.add(literal.toString());
        for (String text : literals) {
            if (!PATH_CHARACTERS.matcher(text).matches()) {
                throw new InvalidRewrite("replacement", "'" + text + "' holds characters a path cannot (allowed: "
                        + "letters, digits, / and -._~!$&'()*+,=:@%)");
            }
        }
        return new PathRewrite(pattern, literals, groups);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end)) && text.charAt(end) < 128) {
            end++;
        }
        return end;
    }

    /** A rewrite the validator reports at {@link #field()} under {@code rewrite_path}. */
    static final class InvalidRewrite extends IllegalArgumentException {

        private final String field;

        InvalidRewrite(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
