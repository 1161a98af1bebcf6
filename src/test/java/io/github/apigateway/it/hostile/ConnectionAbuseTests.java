package io.github.apigateway.it.hostile;

import com.sun.net.httpserver.HttpExchange;
import io.github.apigateway.it.GatewayClient;
import io.github.apigateway.it.RawHttp;
import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that try to exhaust the gateway: connections that never finish their request, a flood of
 * requests to one slow service, downloads abandoned halfway. None of them slows down a normal request
 * beyond {@link #NORMAL_LATENCY}, and none leaves anything held behind once it is gone.
 */
public interface ConnectionAbuseTests extends HostileTarget {

    /** The bound the issue sets for a normal request while the gateway is under attack. */
    Duration NORMAL_LATENCY = Duration.ofSeconds(1);

    private Duration timeNormalRequest() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = GatewayClient.get(gateway(), "/api/normal");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(200, response.statusCode(), response.body());
        return took;
    }

    @Test
    default void threeHundredConnectionsSendingHeadersAByteASecondDoNotDelayANormalRequest() throws Exception {
        byte[] head = ("GET " + RawHttp.path(gateway(), "/api/slowloris") + " HTTP/1.1\r\nHost: x\r\nX-Drip: "
                + "d".repeat(60)).getBytes(StandardCharsets.US_ASCII);
        List<Socket> drips = new ArrayList<>();
        ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 300; i++) {
                drips.add(new Socket(gateway().getHost(), gateway().getPort()));
            }
            int[] sent = {0};
            dripper.scheduleAtFixedRate(() -> {
                for (Socket drip : drips) {
                    try {
                        drip.getOutputStream().write(head[Math.min(sent[0], head.length - 1)]);
                    } catch (IOException closedByTheGateway) {
                        // the container may give up on a drip; that is its defence, not a failure
                    }
                }
                sent[0]++;
            }, 0, 1, TimeUnit.SECONDS);
            Thread.sleep(3_000);

            Duration took = timeNormalRequest();
            assertTrue(took.compareTo(NORMAL_LATENCY) < 0, "a normal request took " + took.toMillis() + " ms");
        } finally {
            dripper.shutdownNow();
            for (Socket drip : drips) {
                drip.close();
            }
        }
    }

    @Test
    default void twoHundredFiftyRequestsToASlowServiceDoNotDelayAnotherService() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        slowUpstream().respondWith((exchange, request) -> {
            awaitQuietly(release, 30);
            RecordingUpstream.ok(exchange, request);
        });
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                slow.add(GatewayClient.getAsync(gateway(), "/slow/" + i));
            }
            for (int i = 0; i < 250; i++) {
                slowUpstream().takeRequest();
            }

            Duration took = timeNormalRequest();
            assertTrue(took.compareTo(NORMAL_LATENCY) < 0, "a request to the other service took " + took.toMillis() + " ms");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> request : slow) {
            assertEquals(200, request.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    default void downloadsAbortedMidBodyLeaveNoConnectionLeasedAndNoRequestInFlight() throws Exception {
        upstream().respondWith(ConnectionAbuseTests::endlessBody);
        for (int i = 0; i < 100; i++) {
            abortMidBody("/api/download/" + i);
        }
        String health = awaitIdle(Duration.ofSeconds(10));
        assertEquals(0, number(health, "leased"), health);
        assertEquals(1, number(health, "requests_in_flight"), "only the health request itself: " + health);
    }

    private void abortMidBody(String path) throws IOException {
        try (Socket socket = new Socket(gateway().getHost(), gateway().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawHttp.head(gateway(), "GET " + path + " HTTP/1.1", List.of())
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] part = in.readNBytes(32 * 1024);
            assertTrue(new String(part, 0, 12, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"));
            // A reset, not an orderly close: the way a client that crashed or lost its network goes.
            socket.setSoLinger(true, 0);
        }
    }

    /** Polls the health endpoint until nothing is leased and only the poll itself is in flight. */
    private String awaitIdle(Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        String health = GatewayClient.get(gateway(), "/_gateway/health").body();
        while (System.nanoTime() < end && (number(health, "leased") != 0 || number(health, "requests_in_flight") != 1)) {
            Thread.sleep(100);
            health = GatewayClient.get(gateway(), "/_gateway/health").body();
        }
        return health;
    }

    private static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), "no " + field + " in " + json);
        return Long.parseLong(matcher.group(1));
    }

    /** Streams until the gateway hangs up, for at most 30 s. */
    private static void endlessBody(HttpExchange exchange, RecordingUpstream.Received request) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[16 * 1024];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (OutputStream body = exchange.getResponseBody()) {
            while (System.nanoTime() < end) {
                body.write(chunk);
                body.flush();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
