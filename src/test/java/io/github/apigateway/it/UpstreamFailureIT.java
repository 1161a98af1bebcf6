package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the gateway answers when the upstream refuses, resets, stalls or lies, and when the client leaves. */
class UpstreamFailureIT extends DeployedGatewayTest {

    private static final ScriptedUpstream UPSTREAM = startScripted();
    private static final int CLOSED_PORT = freePort();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {
                   "scripted": {"instances": ["%s"], "response_timeout_ms": 1000},
                   "refusing": {"instances": ["http://127.0.0.1:%d"]}},
                 "routes": [
                   {"id": "scripted", "path": "/scripted/*", "service": "scripted", "auth": "none"},
                   {"id": "refusing", "path": "/refusing/*", "service": "refusing", "auth": "none"}]}
                """.formatted(UPSTREAM.url(), CLOSED_PORT));
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        UPSTREAM.close();
    }

    private RawHttp.Response rawGet(String path) throws IOException {
        return RawHttp.send(gateway, "GET " + path + " HTTP/1.1", List.of(), null);
    }

    private static void assertJsonError(RawHttp.Response response, int status, String error) {
        assertEquals(status, response.status(), response.bodyText());
        assertTrue(response.header("Content-Type").startsWith("application/json"));
        assertTrue(response.bodyText().contains("\"error\":\"" + error + "\""), response.bodyText());
        assertTrue(response.bodyText().contains("\"request_id\":\"" + response.header("X-Request-Id") + "\""), response.bodyText());
        assertTrue(!response.bodyText().contains("Exception") && !response.bodyText().contains("at io."), response.bodyText());
    }

    @Test
    void aRefusedConnectionWithNoOtherInstanceToTryIs503NoHealthyUpstream() throws IOException {
        RawHttp.Response response = rawGet("/refusing/x");
        assertJsonError(response, 503, "no_healthy_upstream");
        assertEquals("1", response.header("Retry-After"));
    }

    @Test
    void aConnectionClosedWithoutAnswerIs502() throws IOException {
        UPSTREAM.script((connection, head) -> { });
        assertJsonError(rawGet("/scripted/x"), 502, "bad_gateway");
    }

    @Test
    void aResetConnectionIs502() throws IOException {
        UPSTREAM.script((connection, head) -> ScriptedUpstream.reset(connection));
        assertJsonError(rawGet("/scripted/x"), 502, "bad_gateway");
    }

    @Test
    void aMalformedResponseIs502() throws IOException {
        UPSTREAM.script((connection, head) -> ScriptedUpstream.write(connection, "this is not HTTP\r\n\r\n"));
        assertJsonError(rawGet("/scripted/x"), 502, "bad_gateway");
    }

    @Test
    void anUpstreamSlowerThanTheResponseTimeoutIs504() throws IOException {
        UPSTREAM.script((connection, head) -> {
            Thread.sleep(3_000);
            ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        });
        assertJsonError(rawGet("/scripted/slow"), 504, "gateway_timeout");
    }

    @Test
    void anUpstreamThatClosesAfterItsHeadIsA502() throws IOException {
        UPSTREAM.script((connection, head) ->
                ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"));
        assertJsonError(rawGet("/scripted/head-only"), 502, "bad_gateway");
    }

    @Test
    void aShortBodyAlreadyStreamingEndsTheClientConnectionInsteadOfHanging() throws IOException {
        UPSTREAM.script((connection, head) -> ScriptedUpstream.write(connection,
                "HTTP/1.1 200 OK\r\nContent-Length: 400000\r\n\r\n" + "x".repeat(200_000)));
        try (Socket client = openRequest("/scripted/short-streaming")) {
            String received = new String(readAllOrFailure(client.getInputStream()), StandardCharsets.ISO_8859_1);
            assertTrue(received.startsWith("HTTP/1.1 200"), received.substring(0, Math.min(200, received.length())));
            int bodyStart = received.indexOf("\r\n\r\n") + 4;
            assertTrue(received.length() - bodyStart < 400_000, "the connection ended before the declared length");
        }
    }

    @Test
    void aBodyLongerThanItsContentLengthIsCutAtTheDeclaredLength() throws IOException {
        UPSTREAM.script((connection, head) ->
                ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n" + "y".repeat(30)));
        RawHttp.Response response = rawGet("/scripted/long");
        assertEquals(200, response.status());
        assertEquals("y".repeat(10), response.bodyText());
    }

    @Test
    void aChunkedBodyCutShortIsNotPassedOffAsComplete() throws IOException {
        String chunk = "4000\r\n" + "c".repeat(0x4000) + "\r\n";
        UPSTREAM.script((connection, head) -> ScriptedUpstream.write(connection,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk.repeat(12)));
        // keep-alive, so that the gateway must delimit the body by chunks rather than by closing
        try (Socket client = openRequest("/scripted/chunked", "Connection: keep-alive")) {
            IOException broken = assertThrows(IOException.class, () -> {
                RawHttp.Response response = RawHttp.read(client.getInputStream());
                throw new AssertionError("a complete response arrived: " + response.statusLine());
            });
            assertTrue(broken.getMessage().contains("connection closed"), broken.toString());
        }
    }

    @Test
    void aClientThatLeavesMidDownloadReleasesTheUpstreamConnection() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        UPSTREAM.script((connection, head) -> {
            ScriptedUpstream.write(connection, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("4000\r\n" + "z".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            OutputStream out = connection.getOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                while (System.nanoTime() < deadline) {
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(5);
                }
            } catch (IOException closedByGateway) {
                upstreamSawClose.countDown();
            }
        });
        try (Socket client = openRequest("/scripted/endless")) {
            InputStream in = client.getInputStream();
            assertTrue(in.readNBytes(20_000).length == 20_000, "the download started");
        }
        assertTrue(upstreamSawClose.await(20, TimeUnit.SECONDS),
                "the gateway closed the upstream connection after the client left");
    }

    private Socket openRequest(String path, String... headerLines) throws IOException {
        Socket client = new Socket(gateway.getHost(), gateway.getPort());
        client.setSoTimeout(15_000);
        client.getOutputStream().write(RawHttp.head(gateway, "GET " + path + " HTTP/1.1", List.of(headerLines))
                .getBytes(StandardCharsets.ISO_8859_1));
        return client;
    }

    /** Reads until the connection ends, cleanly or not; a read timeout (a hang) fails the test. */
    private static byte[] readAllOrFailure(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException hang) {
            throw new AssertionError("the client was left hanging", hang);
        } catch (IOException reset) {
            // a reset is an acceptable way to end a broken response
        }
        return out.toByteArray();
    }

    private static ScriptedUpstream startScripted() {
        try {
            return ScriptedUpstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
