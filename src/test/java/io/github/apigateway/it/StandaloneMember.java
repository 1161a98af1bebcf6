package io.github.apigateway.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A Hazelcast member in a JVM of its own, with the test run's {@code hazelcast.xml} ({@link IsolatedHazelcast}) and the
 * gateway's classes, that joins the gateway cluster and owns its share of the buckets, so a test can
 * kill it with SIGKILL as a crashed node would die.
 */
final class StandaloneMember implements AutoCloseable {

    private final Process process;

    private StandaloneMember(Process process) {
        this.process = process;
    }

    static StandaloneMember start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    "-Dhazelcast.config=" + System.getProperty("hazelcast.config"),
                    "com.hazelcast.core.server.HazelcastMemberStarter")
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/standalone-member.log"))
                    .start();
            return new StandaloneMember(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: no goodbye to the cluster, the others find out by missed heartbeats. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** {@code kill -STOP}: alive to the network but silent, as a hung or partitioned node. */
    void freeze() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** {@code kill -CONT}: the hung node carries on where it stopped. */
    void resume() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
