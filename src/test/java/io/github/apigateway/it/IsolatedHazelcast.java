package io.github.apigateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's hazelcast.xml with the cluster moved out of the way of every other gateway on this
 * machine (a gateway started by {@code ./run.sh}, another test run): a cluster name of its own and ports
 * 5851-5860 instead of 5701-5710. Everything else (the rate limiter's serialization factory, the timeouts)
 * stays as shipped. The test JVM and every JVM it starts use it through {@code -Dhazelcast.config}
 * ({@link IsolatedClusterSession}).
 */
public final class IsolatedHazelcast {

    public static final int FIRST_PORT = 5851;
    public static final int PORT_COUNT = 10;

    private IsolatedHazelcast() {
    }

    /** Writes the config into {@code directory} and returns its path. */
    public static Path writeConfig(Path directory) {
        try {
            String xml = Files.readString(Path.of("hazelcast.xml").toAbsolutePath());
            xml = replaceOnce(xml, "<cluster-name>[^<]*</cluster-name>",
                    "<cluster-name>test-" + UUID.randomUUID() + "</cluster-name>");
            xml = replaceOnce(xml, "<port [^>]*>\\d+</port>",
                    "<port auto-increment=\"true\" port-count=\"" + PORT_COUNT + "\">" + FIRST_PORT + "</port>");
            // Hazelcast takes one port per member entry (no port ranges), so the range is listed in full.
            StringBuilder members = new StringBuilder("<member-list>\n");
            for (int port = FIRST_PORT; port < FIRST_PORT + PORT_COUNT; port++) {
                members.append("          <member>127.0.0.1:").append(port).append("</member>\n");
            }
            xml = replaceOnce(xml, "(?s)<member-list>.*?</member-list>", members.append("        </member-list>").toString());
            return Files.writeString(directory.resolve("hazelcast.xml"), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaceOnce(String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("hazelcast.xml has no " + regex + " to isolate the test cluster with");
        }
        return matcher.replaceFirst(Matcher.quoteReplacement(replacement));
    }
}
