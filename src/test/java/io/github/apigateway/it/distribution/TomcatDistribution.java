package io.github.apigateway.it.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CATALINA_BASE for the Tomcat 11 distribution, made as {@code bin/makebase.sh} makes one (the home's
 * conf/ files, empty logs/ temp/ work/), with the gateway's WAR as {@code webapps/ROOT.war}, HTTP on a
 * free 127.0.0.1 port and the shutdown port off. Started with {@code catalina.sh run} in the foreground,
 * as a service manager runs it.
 */
final class TomcatDistribution extends Distribution {

    /** Tomcat's message once a WAR's deployment (first or redeployment) is complete. */
    static final String DEPLOYED = "Deployment of web application archive";

    private final Path base;
    private final List<String> catalinaOpts = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    TomcatDistribution(String name) {
        super(name);
        this.base = workDirectory().resolve("catalina-base");
        makeBase();
    }

    Path rootWar() {
        return base.resolve("webapps").resolve("ROOT.war");
    }

    /** In CATALINA_OPTS, which only the Tomcat JVM gets. */
    @Override
    TomcatDistribution systemProperty(String name, String value) {
        catalinaOpts.add("-D" + name + "=" + value);
        return this;
    }

    TomcatDistribution environment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Writes {@code conf/Catalina/localhost/ROOT.xml}, the context file of the application at '/'. */
    TomcatDistribution contextFile(String contextXml) {
        write(base.resolve("conf").resolve("Catalina").resolve("localhost").resolve("ROOT.xml"), contextXml);
        return this;
    }

    /** {@code catalina.sh run}. */
    @Override
    ContainerProcess start() {
        Path home = Distributions.tomcatHome();
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Dhazelcast.config=" + hazelcastConfig()));
        options.addAll(catalinaOpts);
        ProcessBuilder command = new ProcessBuilder("sh", home.resolve("bin").resolve("catalina.sh").toString(), "run")
                .directory(workDirectory().toFile());
        Map<String, String> env = command.environment();
        env.keySet().removeIf(variable -> variable.startsWith("CATALINA_") || variable.startsWith("JAVA_")
                || variable.equals("JRE_HOME") || variable.equals("JPDA_OPTS") || variable.equals("GATEWAY_CONFIG"));
        env.put("JAVA_HOME", Distributions.javaHome().toString());
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_OPTS", String.join(" ", options));
        env.putAll(environment);
        return launch(command);
    }

    /**
     * Gives {@code webapps/ROOT.war} a new modification time, as copying a new release over it would:
     * Tomcat's auto-deployer undeploys the application and deploys it again (within its 10 s background cycle).
     */
    void touchWar() {
        try {
            Files.setLastModifiedTime(rootWar(), FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeBase() {
        Path home = Distributions.tomcatHome();
        try {
            for (String directory : List.of("conf", "logs", "temp", "work", "webapps")) {
                Files.createDirectories(base.resolve(directory));
            }
            try (var conf = Files.list(home.resolve("conf"))) {
                for (Path file : conf.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, base.resolve("conf").resolve(file.getFileName().toString()));
                }
            }
            Files.copy(Distributions.gatewayWar(), rootWar());
            Path serverXml = base.resolve("conf").resolve("server.xml");
            String server = Files.readString(serverXml);
            server = replaceOnce(server, "<Server port=\"8005\"", "<Server port=\"-1\"");
            server = replaceOnce(server, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                    "<Connector address=\"127.0.0.1\" port=\"" + port() + "\" protocol=\"HTTP/1.1\"");
            Files.writeString(serverXml, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replaceOnce(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("Tomcat's server.xml has no '" + target + "' to edit");
        }
        return text.replace(target, replacement);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
