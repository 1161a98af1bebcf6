import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * Sample upstream services for the demo: each port answers every request with a JSON echo of what it
 * received, so a newcomer sees what the gateway forwards. Run as a single-file program:
 * {@code java demo/DemoUpstream.java user-service:9001 user-service:9002 order-service:9003}.
 */
public final class DemoUpstream {

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            String[] nameAndPort = arg.split(":");
            start(nameAndPort[0], Integer.parseInt(nameAndPort[1]));
        }
    }

    private static void start(String service, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            StringBuilder headers = new StringBuilder();
            new TreeMap<>(exchange.getRequestHeaders()).forEach((name, values) -> headers
                    .append(headers.length() == 0 ? "" : ",")
                    .append(quote(name)).append(':').append(quote(String.join(", ", values))));
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"service\":" + quote(service) + ",\"port\":" + port
                    + ",\"method\":" + quote(exchange.getRequestMethod())
                    + ",\"path\":" + quote(exchange.getRequestURI().toString())
                    + ",\"headers\":{" + headers + "}}\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("demo upstream " + service + " listening on http://127.0.0.1:" + port);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
