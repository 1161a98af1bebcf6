package io.github.apigateway.observability;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    private final Tracing tracing = Tracing.start(name -> null, name -> null);

    /** The trace headers an upstream request gets, after the client's were put on it. */
    private static Map<String, String> upstreamHeaders(RequestSpan span, String traceparent, String tracestate) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("traceparent", traceparent);
        headers.put("tracestate", tracestate);
        span.writeTraceHeaders(headers::remove, headers::put);
        return headers;
    }

    @Test
    void continuesAValidTraceparentWithANewSpanId() {
        Map<String, String> headers = upstreamHeaders(tracing.start("GET", PARENT, null), PARENT, null);
        assertEquals(TRACE, headers.get("traceparent").substring(3, 35));
        assertNotEquals("00f067aa0ba902b7", headers.get("traceparent").substring(36, 52));
    }

    @Test
    void keepsTheTracestateOfAContinuedTrace() {
        Map<String, String> headers = upstreamHeaders(tracing.start("GET", PARENT, "a=1"), PARENT, "a=1");
        assertEquals("a=1", headers.get("tracestate"));
    }

    @Test
    void dropsAMalformedTraceparentAndItsTracestate() {
        String malformed = "00-" + TRACE + "-zz-01";
        Map<String, String> headers = upstreamHeaders(tracing.start("GET", malformed, "a=1"), malformed, "a=1");
        assertNotEquals(TRACE, headers.get("traceparent").substring(3, 35));
        assertFalse(headers.containsKey("tracestate"));
    }

    @Test
    void startsASampledTraceWithoutOne() {
        RequestSpan span = tracing.start("GET", null, null);
        Map<String, String> headers = upstreamHeaders(span, null, null);
        // Flags: sampled (bit 0), and Trace Context Level 2's random trace id (bit 1).
        assertTrue(headers.get("traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-03"), headers.toString());
        assertEquals(span.traceId(), headers.get("traceparent").substring(3, 35));
    }

    @Test
    void exportIsConfiguredByTheEndpointPropertyOrVariable() {
        assertTrue(Tracing.exportConfigured(name -> name.equals("otel.exporter.otlp.endpoint") ? "http://x" : null, name -> null));
        assertTrue(Tracing.exportConfigured(name -> null, name -> name.equals("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") ? "http://x" : null));
        assertFalse(Tracing.exportConfigured(name -> null, name -> null));
    }

    @Test
    void startsNoThreadWithoutAnOtlpEndpoint() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Tracing started = Tracing.start(name -> null, name -> null)) {
            started.start("GET", null, null).end("GET", "r", 200);
            Set<Thread> added = new HashSet<>(Thread.getAllStackTraces().keySet());
            added.removeAll(before);
            assertEquals(Set.of(), added);
        }
    }

    @Test
    void offLeavesTheClientsHeadersAlone() {
        Map<String, String> headers = upstreamHeaders(Tracing.off().start("GET", PARENT, "a=1"), PARENT, "a=1");
        assertEquals(Map.of("traceparent", PARENT, "tracestate", "a=1"), headers);
        assertNull(Tracing.off().start("GET", PARENT, null).traceId());
    }
}
