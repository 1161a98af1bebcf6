package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which failed tries go to another instance, with which body, and when none is left. Each service takes
 * turns between its two instances, so of two requests in a row that are not retried once sent exactly
 * one tries the failing instance first.
 */
class FailoverIT extends DeployedGatewayTest {

    @RegisterExtension
    static final RecordingUpstream HEALTHY = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream HEALTHY_BESIDE_RESETTING = RecordingUpstream.start();
    private static final ScriptedUpstream RESETTING = startScripted();
    private static final AtomicInteger RESETTING_HITS = new AtomicInteger();
    @RegisterExtension
    static final RecordingUpstream HEALTHY_BESIDE_HANGING = RecordingUpstream.start();
    private static final ScriptedUpstream HANGING = startScripted();
    private static final AtomicInteger HANGING_HITS = new AtomicInteger();
    private static final ScriptedUpstream FAILING_1 = startScripted();
    private static final ScriptedUpstream FAILING_2 = startScripted();
    private static final AtomicInteger FAILING_HITS = new AtomicInteger();
    private static final int CLOSED_PORT_1 = freePort();
    private static final int CLOSED_PORT_2 = freePort();

    @Deployment(testable = false)
    static WebArchive deployment() {
        RESETTING.script((connection, head) -> {
            ScriptedUpstream.readBody(connection, head);
            RESETTING_HITS.incrementAndGet();
            ScriptedUpstream.reset(connection);
        });
        HANGING.script((connection, head) -> {
            HANGING_HITS.incrementAndGet();
            Thread.sleep(5_000);
        });
        ScriptedUpstream.Script unavailable = (connection, head) -> {
            FAILING_HITS.incrementAndGet();
            ScriptedUpstream.write(connection, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        };
        FAILING_1.script(unavailable);
        FAILING_2.script(unavailable);
        // Outlier detection would take the failing instances out; these tests are about single requests.
        String keepInstances = "\"outlier_detection\": {\"consecutive_failures\": 100000}";
        return GatewayDeployment.withConfig("""
                {"services": {
                   "refusing": {"instances": ["http://127.0.0.1:%d", "%s"], %s},
                   "resetting": {"instances": ["%s", "%s"], %s},
                   "hanging": {"instances": ["%s", "%s"], "response_timeout_ms": 500, %s},
                   "down": {"instances": ["http://127.0.0.1:%d", "http://127.0.0.1:%d"]},
                   "outage": {"instances": ["%s", "%s"], "retries": {"attempts": 2, "budget_percent": 20}, %s}},
                 "routes": [
                   {"id": "refusing", "path": "/refusing/*", "service": "refusing", "auth": "none"},
                   {"id": "resetting", "path": "/resetting/*", "service": "resetting", "auth": "none"},
                   {"id": "hanging", "path": "/hanging/*", "service": "hanging", "auth": "none"},
                   {"id": "down", "path": "/down/*", "service": "down", "auth": "none"},
                   {"id": "outage", "path": "/outage/*", "service": "outage", "auth": "none"}]}
                """.formatted(CLOSED_PORT_1, HEALTHY.url(), keepInstances,
                RESETTING.url(), HEALTHY_BESIDE_RESETTING.url(), keepInstances,
                HANGING.url(), HEALTHY_BESIDE_HANGING.url(), keepInstances,
                CLOSED_PORT_1, CLOSED_PORT_2,
                FAILING_1.url(), FAILING_2.url(), keepInstances));
    }

    @AfterAll
    static void stopUpstreams() throws IOException {
        RESETTING.close();
        HANGING.close();
        FAILING_1.close();
        FAILING_2.close();
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return GatewayClient.send(GatewayClient.request(gateway, path)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private List<Integer> statusesOfTwo(String method, String path, int bodySize) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            statuses.add(send(method, path, randomBytes(bodySize, i)).statusCode());
        }
        statuses.sort(null);
        return statuses;
    }

    @Test
    void aGetToARefusingInstanceIsAnsweredByTheOther() throws Exception {
        assertEquals(200, get("/refusing/a").statusCode());
        assertEquals(200, get("/refusing/b").statusCode());
        assertEquals("/refusing/a", HEALTHY.takeRequest().uri());
        assertEquals("/refusing/b", HEALTHY.takeRequest().uri());
    }

    @Test
    void aPostToARefusingInstanceGoesToTheOtherWithItsBodyByteForByte() throws Exception {
        for (int i = 0; i < 2; i++) {
            byte[] body = randomBytes(10_000, i);
            assertEquals(200, send("POST", "/refusing/orders", body).statusCode());
            assertArrayEquals(body, HEALTHY.takeRequest().body());
        }
    }

    @Test
    void aStreamedPostLargerThanWhatIsHeldStillGoesToTheOtherWhenTheFirstRefused() throws Exception {
        for (int i = 0; i < 2; i++) {
            byte[] body = randomBytes(300_000, i);
            assertEquals(200, send("POST", "/refusing/uploads", body).statusCode());
            assertArrayEquals(body, HEALTHY.takeRequest().body());
        }
    }

    @Test
    void aPostIsNotRetriedOnceSent() throws Exception {
        RESETTING_HITS.set(0);
        assertEquals(List.of(200, 502), statusesOfTwo("POST", "/resetting/orders", 1_000));
        assertEquals(1, RESETTING_HITS.get());
        HEALTHY_BESIDE_RESETTING.takeRequest();
        assertNull(HEALTHY_BESIDE_RESETTING.pollRequest(200));
    }

    @Test
    void aPutIsRetriedOnceSentOnTheOtherInstanceWithItsWholeBody() throws Exception {
        RESETTING_HITS.set(0);
        // A retry takes a turn too, so which request meets the resetting instance first depends on the
        // turns taken before; one of two in a row does.
        for (int i = 0; RESETTING_HITS.get() == 0; i++) {
            assertTrue(i < 2, "two requests in a row tried the resetting instance first");
            byte[] body = randomBytes(60_000, i);
            assertEquals(200, send("PUT", "/resetting/items/" + i, body).statusCode());
            assertArrayEquals(body, HEALTHY_BESIDE_RESETTING.takeRequest().body());
        }
    }

    @Test
    void aGetWithoutAnAnswerWithinTheResponseTimeoutIsAnsweredByTheOtherInstance() throws Exception {
        HANGING_HITS.set(0);
        for (int i = 0; HANGING_HITS.get() == 0; i++) {
            assertTrue(i < 2, "two requests in a row tried the hanging instance first");
            assertEquals(200, get("/hanging/" + i).statusCode());
            assertEquals("/hanging/" + i, HEALTHY_BESIDE_HANGING.takeRequest().uri());
        }
    }

    @Test
    void aPutOver64KiBIsNotRetriedOnceSent() throws Exception {
        RESETTING_HITS.set(0);
        assertEquals(List.of(200, 502), statusesOfTwo("PUT", "/resetting/items", 70_000));
        assertEquals(1, RESETTING_HITS.get());
        assertEquals(70_000, HEALTHY_BESIDE_RESETTING.takeRequest().body().length);
        assertNull(HEALTHY_BESIDE_RESETTING.pollRequest(200));
    }

    @Test
    void noInstanceLeftToTryIs503NoHealthyUpstreamWithRetryAfter() throws Exception {
        HttpResponse<String> response = get("/down/x");
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"no_healthy_upstream\""), response.body());
        assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void healthIsDegradedNamingAServiceWithoutAHealthyInstance() throws Exception {
        get("/down/x");
        HttpResponse<String> health = get("/_gateway/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"DEGRADED\""), health.body());
        assertTrue(health.body().contains("\"services_without_healthy_instance\":[\"down\""), health.body());
        assertFalse(health.body().contains(Integer.toString(CLOSED_PORT_1)), health.body());
    }

    @Test
    void retriesDuringAFullOutageStayWithinTheBudget() throws Exception {
        FAILING_HITS.set(0);
        int requests = 50;
        for (int i = 0; i < requests; i++) {
            assertEquals(503, get("/outage/x").statusCode());
        }
        // Without the budget each request would try both instances: 100 hits.
        int budget = requests * 20 / 100 + 3;
        assertTrue(FAILING_HITS.get() <= requests + budget, FAILING_HITS.get() + " hits for " + requests + " requests");
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
