package io.github.apigateway.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/HTTP trace receiver on loopback ({@code POST /v1/traces}, protobuf), reading from each export
 * the spans' trace ids and names, and nothing else of the protobuf. Started as a static extension, it
 * points the {@code otel.*} system properties the gateway's OpenTelemetry autoconfiguration reads at
 * itself, before the test class's gateway is deployed, and removes them after the class.
 */
final class OtlpReceiver implements AfterAllCallback {

    record ReceivedSpan(String traceId, String name) {
    }

    private static final List<String> PROPERTIES = List.of("otel.exporter.otlp.endpoint", "otel.exporter.otlp.protocol",
            "otel.bsp.schedule.delay");

    private final HttpServer server;
    private final BlockingQueue<ReceivedSpan> spans = new LinkedBlockingQueue<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver startAndPointOtelAtIt() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::handle);
            server.start();
            System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
            System.setProperty("otel.exporter.otlp.protocol", "http/protobuf");
            System.setProperty("otel.bsp.schedule.delay", "100");
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the next span received with this trace id, or null when none came within the time */
    ReceivedSpan awaitSpan(String traceId, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            ReceivedSpan span = spans.poll(left, TimeUnit.MILLISECONDS);
            if (span != null && span.traceId().equals(traceId)) {
                return span;
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            // ExportTraceServiceRequest.resource_spans(1) -> ResourceSpans.scope_spans(2) -> ScopeSpans.spans(2)
            for (byte[] resourceSpans : fields(body, 1)) {
                for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                    for (byte[] span : fields(scopeSpans, 2)) {
                        spans.add(new ReceivedSpan(HexFormat.of().formatHex(fields(span, 1).get(0)),
                                new String(fields(span, 5).get(0), java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** The length-delimited fields with this number, in protobuf's wire format; other fields are skipped. */
    private static List<byte[]> fields(byte[] message, int number) {
        List<byte[]> found = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> varint(message, at);
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, at);
                    if (key >>> 3 == number) {
                        byte[] value = new byte[length];
                        System.arraycopy(message, at[0], value, 0, length);
                        found.add(value);
                    }
                    at[0] += length;
                }
                default -> throw new IllegalArgumentException("wire type " + wireType);
            }
        }
        return found;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PROPERTIES.forEach(System::clearProperty);
        server.stop(0);
    }
}
