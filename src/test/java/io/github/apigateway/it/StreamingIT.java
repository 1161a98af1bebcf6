package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies pass through as streams: a part sent by one side reaches the other before the rest exists, and
 * 1 GiB passes through a JVM whose whole heap (client, gateway and upstream) is 256 MiB (see the
 * failsafe argLine).
 */
class StreamingIT extends DeployedGatewayTest {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    private static final long GIBIBYTE = 1L << 30;
    private static final int BLOCK = 64 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(GatewayDeployment.config(UPSTREAM.url(), """
                {"id": "files", "path": "/files/*", "service": "upstream", "strip_path": true, "auth": "none"}"""));
    }

    @Test
    void aDownloadReachesTheClientWhileTheUpstreamIsStillSending() throws Exception {
        CountDownLatch clientGotFirstPart = new CountDownLatch(1);
        AtomicBoolean streamed = new AtomicBoolean();
        UPSTREAM.streamWith((exchange, request) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("first-part;".getBytes(StandardCharsets.US_ASCII));
            body.flush();
            try {
                streamed.set(clientGotFirstPart.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            body.write("second-part".getBytes(StandardCharsets.US_ASCII));
        });
        try (Socket client = open("GET /files/stream HTTP/1.1", List.of())) {
            InputStream in = client.getInputStream();
            readUntil(in, "first-part;");
            clientGotFirstPart.countDown();
            readUntil(in, "second-part");
        }
        assertTrue(streamed.get(), "the first part reached the client before the upstream sent the second");
    }

    @Test
    void anUploadReachesTheUpstreamWhileTheClientIsStillSending() throws Exception {
        CountDownLatch upstreamGotFirstPart = new CountDownLatch(1);
        UPSTREAM.streamWith((exchange, request) -> {
            readUntil(exchange.getRequestBody(), "first-part;");
            upstreamGotFirstPart.countDown();
            readUntil(exchange.getRequestBody(), "second-part");
            RecordingUpstream.send(exchange, 200, "got both");
        });
        try (Socket client = open("POST /files/upload HTTP/1.1", List.of("Transfer-Encoding: chunked"))) {
            OutputStream out = client.getOutputStream();
            out.write("b\r\nfirst-part;\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(upstreamGotFirstPart.await(10, TimeUnit.SECONDS),
                    "the first part reached the upstream before the client sent the second");
            out.write("b\r\nsecond-part\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response response = RawHttp.read(client.getInputStream());
            assertEquals(200, response.status());
            assertEquals("got both", response.bodyText());
        }
    }

    @Test
    void aChunkedUploadArrivesChunkedAndWhole() throws Exception {
        try (Socket client = open("POST /files/chunked HTTP/1.1", List.of("Transfer-Encoding: chunked"))) {
            client.getOutputStream().write("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, RawHttp.read(client.getInputStream()).status());
        }
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("hello world", received.bodyText());
        assertEquals("chunked", received.header("Transfer-Encoding"));
    }

    @Test
    void aGibibyteDownloadPassesThroughASmallHeap() throws Exception {
        UPSTREAM.streamWith((exchange, request) -> {
            exchange.sendResponseHeaders(200, GIBIBYTE);
            writePattern(exchange.getResponseBody(), GIBIBYTE);
        });
        try (Socket client = open("GET /files/big HTTP/1.1", List.of())) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.contains("Content-Length: " + GIBIBYTE), head);
            CRC32 crc = new CRC32();
            long count = 0;
            byte[] buffer = new byte[BLOCK];
            for (int n; (n = in.read(buffer)) != -1; count += n) {
                crc.update(buffer, 0, n);
            }
            assertEquals(GIBIBYTE, count);
            assertEquals(patternCrc(GIBIBYTE), crc.getValue());
        }
    }

    @Test
    void aGibibyteUploadPassesThroughASmallHeap() throws Exception {
        UPSTREAM.streamWith((exchange, request) -> {
            CRC32 crc = new CRC32();
            long count = 0;
            byte[] buffer = new byte[BLOCK];
            InputStream in = exchange.getRequestBody();
            for (int n; (n = in.read(buffer)) != -1; count += n) {
                crc.update(buffer, 0, n);
            }
            RecordingUpstream.send(exchange, 200, count + " " + crc.getValue());
        });
        try (Socket client = open("PUT /files/big HTTP/1.1", List.of("Content-Length: " + GIBIBYTE))) {
            writePattern(client.getOutputStream(), GIBIBYTE);
            RawHttp.Response response = RawHttp.read(client.getInputStream());
            assertEquals(200, response.status());
            assertEquals(GIBIBYTE + " " + patternCrc(GIBIBYTE), response.bodyText());
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (Socket client = open("POST /files/expect HTTP/1.1", List.of("Expect: 100-continue", "Content-Length: 5"))) {
            InputStream in = client.getInputStream();
            String interim = RawHttp.line(in);
            assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
            assertEquals("", RawHttp.line(in));
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, RawHttp.read(in).status());
        }
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("hello", received.bodyText());
        assertNull(received.header("Expect"), "the gateway, not the upstream, answers the expectation");
    }

    @Test
    void expectContinueOnARequestWithoutRouteGetsTheFinalAnswerAtOnce() throws Exception {
        try (Socket client = open("POST /nowhere HTTP/1.1", List.of("Expect: 100-continue", "Content-Length: 5"))) {
            RawHttp.Response response = RawHttp.read(client.getInputStream());
            assertEquals(404, response.status(), "no 100 Continue for a body nobody will read");
        }
    }

    private Socket open(String requestLine, List<String> headers) throws IOException {
        Socket client = new Socket(gateway.getHost(), gateway.getPort());
        client.setSoTimeout(30_000);
        client.getOutputStream().write(RawHttp.head(gateway, requestLine, headers).getBytes(StandardCharsets.ISO_8859_1));
        client.getOutputStream().flush();
        return client;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = RawHttp.line(in); !line.isEmpty(); line = RawHttp.line(in)) {
            head.append(line).append("\n");
        }
        return head.toString();
    }

    /** Reads until the marker has been seen (the bytes around it may include chunk framing). */
    private static void readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("stream ended before '" + marker + "'");
            }
            seen.write(b);
        }
    }

    private static byte[] block() {
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            block[i] = (byte) (i * 31 + 7);
        }
        return block;
    }

    private static void writePattern(OutputStream out, long length) throws IOException {
        byte[] block = block();
        for (long sent = 0; sent < length; sent += BLOCK) {
            out.write(block, 0, (int) Math.min(BLOCK, length - sent));
        }
        out.flush();
    }

    private static long patternCrc(long length) {
        byte[] block = block();
        CRC32 crc = new CRC32();
        for (long done = 0; done < length; done += BLOCK) {
            crc.update(block, 0, (int) Math.min(BLOCK, length - done));
        }
        return crc.getValue();
    }
}
