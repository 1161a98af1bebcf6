package io.github.apigateway.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution (unpacked by the build from Maven Central), started once per test JVM on
 * ephemeral loopback ports in dev mode with the demo realm of {@code src/test/resources/keycloak}, and
 * stopped by its PID when the JVM ends.
 */
public final class KeycloakServer {

    public static final String REALM = "demo";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static KeycloakServer shared;

    private final Process process;
    private final int port;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "keycloak-stop"));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    private static KeycloakServer start() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + home + ": integration tests run through 'mvn verify', which unpacks it");
        }
        try {
            resetData(home);
            int port = freePort();
            int managementPort = freePort();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--health-enabled=true", "--import-realm",
                    // so that tokens fetched through KeycloakRelay name the relay as their issuer
                    "--proxy-headers=xforwarded")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolveSibling("keycloak.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            KeycloakServer server = new KeycloakServer(builder.start(), port);
            server.awaitReady(managementPort);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh dev database, so the realm file is imported as it is now. */
    private static void resetData(Path home) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        try (var realm = KeycloakServer.class.getResourceAsStream("/keycloak/demo-realm.json")) {
            Files.copy(realm, imports.resolve("demo-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void awaitReady(int managementPort) {
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see target/keycloak/keycloak.log");
                }
                try {
                    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT);
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** An access token from the token endpoint, for the given form (grant type and credentials). */
    public String token(String form) {
        return token(url(), form);
    }

    /** Like {@link #token(String)}, through another base URL (a relay in front of this server). */
    public static String token(String baseUrl, String form) {
        return token(baseUrl, form, REALM);
    }

    static String token(String baseUrl, String form, String realm) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return jsonField(response.body(), "access_token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String passwordToken(String user) {
        return token("grant_type=password&client_id=cli&username=" + user + "&password=" + user + "-password");
    }

    public String clientCredentialsToken(String clientId, String secret) {
        return token("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret);
    }

    static String jsonField(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
