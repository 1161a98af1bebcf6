package io.github.apigateway.it.distribution;

import io.github.apigateway.it.IsolatedHazelcast;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the repository's {@code jetty-base} for the Jetty 12.1 distribution (jetty-home), with
 * {@code webapps/ROOT.xml} pointing at the built WAR by its absolute path, started with
 * {@code java -jar $JETTY_HOME/start.jar jetty.base=...} (start.jar runs Jetty in its own JVM, no fork)
 * with HTTP on a free 127.0.0.1 port given on the command line.
 */
final class JettyDistribution {

    /** The lines that make Jetty stop gracefully (see JettyGracefulShutdownIT). */
    private final String name;
    private final Path workDirectory;
    private final Path base;
    private final int port;
    private final Path hazelcastConfig;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> initParameters = new ArrayList<>();

    private JettyDistribution(String name) {
        this.name = name;
        this.workDirectory = Distributions.newWorkDirectory(name);
        this.base = workDirectory.resolve("jetty-base");
        this.port = Distributions.freeLoopbackPort();
        this.hazelcastConfig = IsolatedHazelcast.writeConfig(workDirectory);
        copyJettyBase();
    }

    static JettyDistribution prepare(String name) {
        return new JettyDistribution(name);
    }

    /** Where the test keeps its own files (gateway config, hazelcast.xml) and the console log. */
    Path workDirectory() {
        return workDirectory;
    }

    /** JVM options before {@code -jar start.jar}: system properties of the JVM Jetty runs in. */
    JettyDistribution jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** A context init-param set in {@code webapps/ROOT.xml}, as README's Jetty section shows. */
    JettyDistribution contextInitParameter(String name, String value) {
        initParameters.add("  <Call name=\"setInitParameter\"><Arg>" + name + "</Arg><Arg>" + value + "</Arg></Call>\n");
        return this;
    }

    /** Starts Jetty; returns once the gateway answers its health check. */
    ContainerProcess start() {
        Path rootXml = base.resolve("webapps").resolve("ROOT.xml");
        write(rootXml, read(rootXml).replace("</Configure>", String.join("", initParameters) + "</Configure>"));
        Path home = Distributions.jettyHome();
        List<String> command = new ArrayList<>(List.of(Distributions.java().toString(), "-Xmx256m",
                "-Dhazelcast.config=" + hazelcastConfig));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port));
        ProcessBuilder process = new ProcessBuilder(command).directory(base.toFile());
        process.environment().keySet().removeIf(variable -> variable.startsWith("JETTY_") || variable.startsWith("JAVA_")
                || variable.equals("GATEWAY_CONFIG"));
        return ContainerProcess.start(name, process, workDirectory.resolve("console.log"), port);
    }

    private void copyJettyBase() {
        Path source = Distributions.projectDirectory().resolve("jetty-base");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = base.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            // Jetty unpacks the WAR into jetty.base/work when it exists, rather than into /tmp.
            Files.createDirectories(base.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path rootXml = base.resolve("webapps").resolve("ROOT.xml");
        Matcher war = Pattern.compile("(?s)<Set name=\"war\">.*?</Set>").matcher(read(rootXml));
        if (!war.find()) {
            throw new IllegalStateException("jetty-base/webapps/ROOT.xml sets no war to point at the built WAR");
        }
        write(rootXml, war.replaceFirst(Matcher.quoteReplacement(
                "<Set name=\"war\">" + Distributions.gatewayWar() + "</Set>")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
