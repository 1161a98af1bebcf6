package io.github.apigateway.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before any test of a test JVM runs, points {@code hazelcast.config} at a cluster of this run's own
 * ({@link IsolatedHazelcast}), so every gateway node and member the tests start joins only the others of
 * this run, never a gateway that happens to run on the same machine.
 */
public final class IsolatedClusterSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("hazelcast.config") != null) {
            return;
        }
        try {
            Path directory = Files.createDirectories(Path.of("target", "test-cluster").toAbsolutePath());
            Path config = IsolatedHazelcast.writeConfig(Files.createTempDirectory(directory, "run-"));
            System.setProperty("hazelcast.config", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
