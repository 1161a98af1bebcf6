package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway nodes in one cluster, one service of two instances, one of which answers every request with
 * 503: once the first node ejects it, the second sends it nothing from a second later, without having
 * seen a failure of its own.
 */
@ExtendWith(ArquillianExtension.class)
class EjectionAnnouncementIT {

    private static final int CONSECUTIVE_FAILURES = 3;
    private static final ScriptedUpstream FAILING = startScripted();
    private static final AtomicInteger FAILING_HITS = new AtomicInteger();
    @RegisterExtension
    static final RecordingUpstream HEALTHY = RecordingUpstream.start();

    @ArquillianResource
    @OperateOnDeployment("first")
    private URL first;

    @ArquillianResource
    @OperateOnDeployment("second")
    private URL second;

    private static WebArchive node(String name) {
        FAILING.script((connection, head) -> {
            FAILING_HITS.incrementAndGet();
            ScriptedUpstream.write(connection, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });
        return GatewayDeployment.withConfig(name + ".war", """
                {"services": {"orders": {"instances": ["%s", "%s"],
                   "outlier_detection": {"consecutive_failures": %d, "base_ejection_ms": 60000, "max_ejection_percent": 50}}},
                 "routes": [{"id": "orders", "path": "/orders/*", "service": "orders", "auth": "none"}]}
                """.formatted(FAILING.url(), HEALTHY.url(), CONSECUTIVE_FAILURES));
    }

    @Deployment(name = "first", testable = false)
    @TargetsContainer("node-1")
    static WebArchive first() {
        return node("first");
    }

    @Deployment(name = "second", testable = false)
    @TargetsContainer("node-2")
    static WebArchive second() {
        return node("second");
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        FAILING.close();
    }

    @Test
    void anInstanceEjectedOnOneNodeGetsNoRequestsFromTheOtherWithinOneSecond() throws Exception {
        awaitTwoMembers();
        for (int i = 0; FAILING_HITS.get() < CONSECUTIVE_FAILURES; i++) {
            assertTrue(i < 20, "the first node did not send the failing instance its failures");
            GatewayClient.get(first, "/orders/" + i);
        }
        Thread.sleep(1_000);
        for (int i = 0; i < 10; i++) {
            assertEquals(200, GatewayClient.get(second, "/orders/" + i).statusCode());
        }
        assertEquals(CONSECUTIVE_FAILURES, FAILING_HITS.get());
    }

    private void awaitTwoMembers() throws Exception {
        for (int attempt = 0; attempt < 240; attempt++) {
            if (GatewayClient.get(first, "/_gateway/health").body().contains("\"members\":2")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the two nodes did not form one cluster");
    }

    private static ScriptedUpstream startScripted() {
        try {
            return ScriptedUpstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
