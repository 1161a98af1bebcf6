package io.github.apigateway.it.distribution;

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
final class JettyDistribution extends Distribution {

    private final Path base;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> initParameters = new ArrayList<>();

    JettyDistribution(String name) {
        super(name);
        this.base = workDirectory().resolve("jetty-base");
        copyJettyBase();
    }

    /** A second node of {@code other}'s cluster. */
    JettyDistribution(String name, JettyDistribution other) {
        super(name, other);
        this.base = workDirectory().resolve("jetty-base");
        copyJettyBase();
    }

    /** An option before {@code -jar start.jar}: start.jar runs Jetty in this JVM. */
    @Override
    JettyDistribution systemProperty(String name, String value) {
        jvmOptions.add("-D" + name + "=" + value);
        return this;
    }

    /** A context init-param set in {@code webapps/ROOT.xml}, as README's Jetty section shows. */
    JettyDistribution contextInitParameter(String name, String value) {
        initParameters.add("  <Call name=\"setInitParameter\"><Arg>" + name + "</Arg><Arg>" + value + "</Arg></Call>\n");
        return this;
    }

    @Override
    ContainerProcess start() {
        Path rootXml = base.resolve("webapps").resolve("ROOT.xml");
        write(rootXml, read(rootXml).replace("</Configure>", String.join("", initParameters) + "</Configure>"));
        Path home = Distributions.jettyHome();
        List<String> command = new ArrayList<>(List.of(Distributions.java().toString(), "-Xmx256m",
                "-Dhazelcast.config=" + hazelcastConfig()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port()));
        ProcessBuilder process = new ProcessBuilder(command).directory(base.toFile());
        process.environment().keySet().removeIf(variable -> variable.startsWith("JETTY_") || variable.startsWith("JAVA_")
                || variable.equals("GATEWAY_CONFIG"));
        return launch(process);
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
