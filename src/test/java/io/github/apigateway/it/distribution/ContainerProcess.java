package io.github.apigateway.it.distribution;

import io.github.apigateway.it.GatewayClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A servlet container running as a child process on a loopback port, its console (stdout and stderr)
 * going to a log file. Closing it always ends it: SIGTERM, a grace period, then SIGKILL.
 */
final class ContainerProcess implements AutoCloseable {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);

    private final String name;
    private final Process process;
    private final Path log;
    private final URL baseUrl;
    private final Thread killOnExit;

    private ContainerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.baseUrl = loopbackUrl(port);
        // Should the test JVM itself be stopped, its containers go with it.
        this.killOnExit = new Thread(this::kill, name + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the command, then waits until the gateway in it answers {@code GET /_gateway/health} with 200. */
    static ContainerProcess start(String name, ProcessBuilder command, Path log, int port) {
        Process process;
        try {
            process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.command(), e);
        }
        ContainerProcess container = new ContainerProcess(name, process, log, port);
        try {
            container.awaitHealthy();
        } catch (RuntimeException | Error e) {
            container.close();
            throw e;
        }
        return container;
    }

    String name() {
        return name;
    }

    /** Where the gateway answers: it is the container's root application. */
    URL baseUrl() {
        return baseUrl;
    }

    private static URL loopbackUrl(int port) {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Path logFile() {
        return log;
    }

    /** The container's console output so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many lines of the console output contain {@code text}. */
    long logLinesContaining(String text) {
        return log().lines().filter(line -> line.contains(text)).count();
    }

    /** Polls {@code GET /_gateway/health} until it answers 200; fails early when the process dies. */
    void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String last = "no answer";
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + " before it was healthy; log "
                            + log + ":\n" + tail());
                }
                try {
                    HttpResponse<String> health = GatewayClient.get(baseUrl, "/_gateway/health");
                    if (health.statusCode() == 200) {
                        return;
                    }
                    last = health.statusCode() + " " + health.body();
                } catch (IOException notListeningYet) {
                    last = notListeningYet.toString();
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        }
        throw new AssertionError(name + " was not healthy within " + STARTUP_TIMEOUT.toSeconds() + " s (last: " + last
                + "); log " + log + ":\n" + tail());
    }

    /**
     * SIGTERM to the container's JVM, as {@code kill}, systemd or Kubernetes stop it. (Process.destroy sends
     * SIGTERM on Unix; the process is the JVM itself: catalina.sh execs java, start.jar runs in-process.)
     */
    void sigterm() {
        process.destroy();
    }

    /** {@code kill -STOP}: the node is alive to the network but silent, as a hung or cut-off node. */
    void freeze() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** {@code kill -CONT}: the frozen node goes on where it stopped. */
    void resume() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The executable of the started process itself, which is the one SIGTERM reaches. */
    String executable() {
        return process.info().command().orElse("?");
    }

    String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to
            }
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
