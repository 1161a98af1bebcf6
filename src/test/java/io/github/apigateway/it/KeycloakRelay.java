package io.github.apigateway.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay in front of the real Keycloak that a test can take down and bring back (connections
 * refused, as when Keycloak is down), and that counts the JWKS requests passing through it. Keycloak
 * names the relay as the issuer of tokens fetched through it.
 */
public final class KeycloakRelay implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final KeycloakServer keycloak;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private HttpServer server;

    private KeycloakRelay(KeycloakServer keycloak, int port) {
        this.keycloak = keycloak;
        this.port = port;
    }

    public static KeycloakRelay start(KeycloakServer keycloak) {
        KeycloakRelay relay = new KeycloakRelay(keycloak, KeycloakServer.freePort());
        relay.up();
        return relay;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::relay);
        server.start();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().endsWith("/protocol/openid-connect/certs")) {
                jwksRequests.incrementAndGet();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.url() + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            request.header("X-Forwarded-Host", "127.0.0.1:" + port).header("X-Forwarded-Proto", "http");
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                // The JDK client shows the status line as a ":status" pseudo-header; it is no header to send on.
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        down();
    }
}
