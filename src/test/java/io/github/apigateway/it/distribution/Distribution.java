package io.github.apigateway.it.distribution;

import io.github.apigateway.it.IsolatedHazelcast;

import java.nio.file.Path;

/**
 * A container distribution prepared for one test, before it starts: a work directory of its own (kept
 * under target/ for its logs), a loopback port and a Hazelcast config isolated from every other cluster
 * on the machine. Only the test's thread uses it.
 */
abstract class Distribution {

    private final String name;
    private final Path workDirectory;
    private final int port;
    private final Path hazelcastConfig;

    Distribution(String name) {
        this.name = name;
        this.workDirectory = Distributions.newWorkDirectory(name);
        this.port = Distributions.freeLoopbackPort();
        this.hazelcastConfig = IsolatedHazelcast.writeConfig(workDirectory);
    }

    /** A node of the same cluster as {@code other}: its Hazelcast config is the other's. */
    Distribution(String name, Distribution other) {
        this.name = name;
        this.workDirectory = Distributions.newWorkDirectory(name);
        this.port = Distributions.freeLoopbackPort();
        this.hazelcastConfig = other.hazelcastConfig;
    }

    /** Where the test keeps its own files (gateway config, hazelcast.xml) and the console log. */
    final Path workDirectory() {
        return workDirectory;
    }

    /** Writes the config file of {@link GatewayConfigFile} into the work directory; returns its absolute path. */
    final String writeConfigFile(String routePrefix, String upstreamUrl) {
        return GatewayConfigFile.write(workDirectory, routePrefix, upstreamUrl).toString();
    }

    /** A system property of the container's JVM (and of no other JVM the container's scripts start). */
    abstract Distribution systemProperty(String name, String value);

    /** Starts the container; returns once the gateway answers its health check. */
    abstract ContainerProcess start();

    final int port() {
        return port;
    }

    final Path hazelcastConfig() {
        return hazelcastConfig;
    }

    /** Runs the container's command with its console going to the work directory. */
    final ContainerProcess launch(ProcessBuilder command) {
        return ContainerProcess.start(name, command, workDirectory.resolve("console.log"), port);
    }
}
