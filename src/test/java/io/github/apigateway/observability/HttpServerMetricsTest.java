package io.github.apigateway.observability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpServerMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics(List.of("users"), Map.of(), List.of());

    @AfterEach
    void close() {
        metrics.close();
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(GatewayMetrics.PROMETHEUS_TEXT, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private long seriesCount() throws IOException {
        return scrape().lines().filter(line -> line.startsWith("http_server_request_duration_seconds_count")).count();
    }

    @Test
    void anUnknownRouteIdCountsAsUnmatched() throws IOException {
        metrics.http().route("no-such-route").record("GET", 404, 1_000);
        assertTrue(scrape().contains("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"404\",http_route=\"unmatched\"} 1"));
    }

    @Test
    void methodsOutsideHttpsRegisteredOnesShareOneLabel() throws IOException {
        for (int i = 0; i < 100; i++) {
            metrics.http().route("users").record("X-METHOD-" + i, 200, 1_000);
        }
        assertEquals(1, seriesCount());
        assertTrue(scrape().contains("http_request_method=\"_OTHER\""));
    }

    @Test
    void aRouteMethodAndStatusIsOneSeries() throws IOException {
        for (int i = 0; i < 5; i++) {
            metrics.http().route("users").record("GET", 200, 1_000);
        }
        assertEquals(1, seriesCount());
    }
}
