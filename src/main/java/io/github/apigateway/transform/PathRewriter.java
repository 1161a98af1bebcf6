package io.github.apigateway.transform;

import io.github.apigateway.config.PathRewrite;
import io.github.apigateway.http.GatewayException;

import java.util.regex.Matcher;

/**
 * Applies a route's {@code rewrite_path} to the path as {@code strip_path} left it: the first match of the
 * regex is replaced (a path it does not match goes on unchanged). A regex that can backtrack
 * catastrophically is the operator's, but the path is the client's: paths longer than
 * {@link #MAX_PATH_LENGTH} are refused with 414 before the regex sees them, and a match that takes more
 * than {@link #MAX_STEPS} character reads is given up with 400 and logged, so no request holds a
 * thread in the regex.
 */
public final class PathRewriter {

    public static final int MAX_PATH_LENGTH = 2048;
    static final int MAX_STEPS = 1_000_000;

    private static final System.Logger LOG = System.getLogger(PathRewriter.class.getName());

    private PathRewriter() {
    }

    /** @throws GatewayException 414 for a path over {@link #MAX_PATH_LENGTH}, 400 when the regex takes too long */
    public static String rewrite(PathRewrite rewrite, String path) {
        if (path.length() > MAX_PATH_LENGTH) {
            throw new GatewayException(414, "uri_too_long",
                    "The path is longer than the " + MAX_PATH_LENGTH + " characters this route rewrites.");
        }
        Matcher matcher = rewrite.regex().matcher(new CountedCharacters(path, MAX_STEPS));
        try {
            if (!matcher.find()) {
                return path;
            }
        } catch (CountedCharacters.Exhausted e) {
            LOG.log(System.Logger.Level.WARNING, "rewrite_path regex '" + rewrite.regex()
                    + "' took more than " + MAX_STEPS + " steps on a path of " + path.length() + " characters; refused with 400");
            throw GatewayException.badRequest("The path cannot be rewritten.");
        }
        StringBuilder result = new StringBuilder(path.length() + 32);
        result.append(path, 0, matcher.start());
        result.append(rewrite.literals().get(0));
        for (int i = 0; i < rewrite.groups().size(); i++) {
            String group = matcher.group(rewrite.groups().get(i));
            result.append(group == null ? "" : group).append(rewrite.literals().get(i + 1));
        }
        result.append(path, matcher.end(), path.length());
        return result.length() > 0 && result.charAt(0) == '/' ? result.toString() : "/" + result;
    }

    /** The path as the regex reads it, counting the reads: a budget of work that fails the match once spent. */
    private static final class CountedCharacters implements CharSequence {

        private final String text;
        private final int[] budget;
        private final int offset;
        private final int length;

        CountedCharacters(String text, int budget) {
            this(text, new int[] {budget}, 0, text.length());
        }

        private CountedCharacters(String text, int[] budget, int offset, int length) {
            this.text = text;
            this.budget = budget;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedCharacters(text, budget, offset + start, end - start);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("the regex took too many steps", null, false, false);
            }
        }
    }
}
