package io.github.apigateway.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on an ephemeral loopback port that records what it actually received (the shape
 * of OkHttp's MockWebServer) and answers as the test tells it to. Registered as a JUnit extension on a
 * static field ({@code @RegisterExtension}), it starts every test answering {@link #ok} with nothing
 * received, and stops after the test class. The server's threads record into a concurrent queue; the
 * responder is volatile, set by the test thread.
 */
public final class RecordingUpstream implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** What one request looked like on arrival; header names are case-insensitive. */
    public record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(", ", values);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange, Received request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Responder responder = RecordingUpstream::ok;
    private volatile boolean recordBodies = true;

    private RecordingUpstream(HttpServer server) {
        this.server = server;
    }

    public static RecordingUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
            RecordingUpstream upstream = new RecordingUpstream(server);
            server.createContext("/", upstream::handle);
            server.setExecutor(upstream.executor);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets how the next requests are answered, and forgets what was received so far. */
    public void respondWith(Responder responder) {
        this.responder = responder;
        this.recordBodies = true;
        received.clear();
    }

    /** Like {@link #respondWith}, but the responder reads the body itself (for bodies too large to keep). */
    public void streamWith(Responder responder) {
        respondWith(responder);
        this.recordBodies = false;
    }

    public Received takeRequest() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the upstream received no request");
        }
        return request;
    }

    public Received pollRequest(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            byte[] body = recordBodies ? readAll(exchange.getRequestBody()) : new byte[0];
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
            received.add(request);
            responder.respond(exchange, request);
        } finally {
            exchange.close();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    public static void ok(HttpExchange exchange, Received request) throws IOException {
        send(exchange, 200, "ok");
    }

    public static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        respondWith(RecordingUpstream::ok);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
