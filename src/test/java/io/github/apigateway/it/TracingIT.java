package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** W3C Trace Context as the upstream receives it: the client's trace continued, or a new one started. */
class TracingIT extends DeployedGatewayTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(GatewayDeployment.config(UPSTREAM.url(), """
                {"id": "traced", "path": "/traced/*", "service": "upstream", "auth": "none"}
                """));
    }

    @Test
    void continuesTheClientsTraceWithTheGatewaysOwnSpan() throws Exception {
        get("/traced/a", "traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01", "tracestate", "vendor=opaque");
        String forwarded = UPSTREAM.takeRequest().header("traceparent");
        assertTrue(TRACEPARENT.matcher(forwarded).matches(), forwarded);
        assertEquals(CLIENT_TRACE, forwarded.substring(3, 35));
        assertNotEquals(CLIENT_SPAN, forwarded.substring(36, 52));
        assertTrue(forwarded.endsWith("-01"), forwarded);
    }

    @Test
    void passesTracestateThrough() throws Exception {
        get("/traced/a", "traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01", "tracestate", "vendor=opaque");
        assertEquals("vendor=opaque", UPSTREAM.takeRequest().header("tracestate"));
    }

    @Test
    void startsANewTraceInsteadOfForwardingAMalformedTraceparent() throws Exception {
        get("/traced/a", "traceparent", "00-" + CLIENT_TRACE + "-not-a-span-id-01", "tracestate", "vendor=opaque");
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        String forwarded = received.header("traceparent");
        assertTrue(TRACEPARENT.matcher(forwarded).matches(), forwarded);
        assertNotEquals(CLIENT_TRACE, forwarded.substring(3, 35));
        assertNull(received.header("tracestate"), "the state of a trace that was dropped");
    }

    @Test
    void startsATraceForARequestWithout() throws Exception {
        get("/traced/a");
        String forwarded = UPSTREAM.takeRequest().header("traceparent");
        assertTrue(TRACEPARENT.matcher(forwarded).matches(), forwarded);
        // Sampled, with Trace Context Level 2's flag for a random trace id.
        assertTrue(forwarded.endsWith("-03"), forwarded);
    }

    @Test
    void eachRequestWithoutATraceGetsItsOwn() throws Exception {
        get("/traced/a");
        get("/traced/b");
        assertNotEquals(UPSTREAM.takeRequest().header("traceparent").substring(3, 35),
                UPSTREAM.takeRequest().header("traceparent").substring(3, 35));
    }
}
