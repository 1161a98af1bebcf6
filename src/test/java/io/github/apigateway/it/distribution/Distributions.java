package io.github.apigateway.it.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what these tests run: the unpacked Tomcat and Jetty distributions (system properties
 * of the failsafe execution {@code distributions}), the WAR, and a fresh working directory under target/.
 */
final class Distributions {

    private Distributions() {
    }

    static Path tomcatHome() {
        return existing("tomcat.dist.home", "bin/catalina.sh");
    }

    static Path jettyHome() {
        return existing("jetty.dist.home", "start.jar");
    }

    /** The WAR exactly as {@code mvn package} built it; the tests never modify it. */
    static Path gatewayWar() {
        Path war = Path.of(System.getProperty("gateway.war", "target/gateway.war")).toAbsolutePath();
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: the distribution tests run after 'mvn package'");
        }
        return war;
    }

    /** The repository's top-level files (hazelcast.xml, jetty-base/): the build runs the tests from there. */
    static Path projectDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /** The JVM running the tests, which also runs the containers. */
    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    static Path java() {
        return javaHome().resolve("bin").resolve("java");
    }

    /** A new directory under target/distribution-it, kept after the run for its logs. */
    static Path newWorkDirectory(String prefix) {
        try {
            Path parent = Files.createDirectories(projectDirectory().resolve("target").resolve("distribution-it"));
            return Files.createTempDirectory(parent, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port that was free a moment ago. */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(String property, String marker) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the failsafe execution 'distributions'");
        }
        Path home = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve(marker))) {
            throw new IllegalStateException(home + " holds no " + marker + ": the build unpacks it in pre-integration-test");
        }
        return home;
    }
}
