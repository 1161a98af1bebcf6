package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /_gateway/metrics} scraped after known traffic: exact counts per route, method and status,
 * bounded labels, and who may read it. Each test sends its traffic to routes of its own, so the counts of
 * one test are not moved by another.
 */
class MetricsIT extends DeployedGatewayTest {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "counted", "path": "/counted/*", "service": "upstream", "auth": "none"},
                   {"id": "scan", "path": "/scan/*", "service": "upstream", "auth": "none"},
                   {"id": "buckets", "path": "/buckets/*", "service": "upstream", "auth": "none"},
                   {"id": "limited", "path": "/limited/*", "service": "upstream", "auth": "none", "rate_limits": ["two"]},
                   {"id": "keyed", "path": "/keyed/*", "service": "upstream", "auth": "api_key"}],
                 "rate_limits": [{"id": "two", "source": "route", "requests_per_minute": 1, "burst": 2}],
                 "auth": {"api_keys": {"header": "X-API-Key", "keys": [{"id": "job", "sha256": "%s", "roles": []}]}},
                 "rate_limit_timeout_ms": 1000,
                 "trusted_proxies": ["127.0.0.1/32", "::1/128"]}
                """.formatted(UPSTREAM.url(), "0".repeat(64)));
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = get("/_gateway/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /**
     * Scrapes until every expected line is in the scrape, for at most 5 s, and returns the last scrape. A
     * request is counted when its exchange ends, which can be a moment after its client read the answer.
     */
    private String scrapeShowing(String... expectedLines) throws Exception {
        String scrape = scrape();
        for (int i = 0; i < 100 && !scrape.lines().toList().containsAll(List.of(expectedLines)); i++) {
            Thread.sleep(50);
            scrape = scrape();
        }
        return scrape;
    }

    private static List<String> series(String scrape, String prefix) {
        return scrape.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    private static String sample(String scrape, String series) {
        return series(scrape, series + " ").stream().findFirst().orElse("(no sample of " + series + ")");
    }

    @Test
    void countsEachRequestOnceByRouteMethodAndStatus() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/counted/" + i).statusCode());
        }
        UPSTREAM.respondWith((exchange, request) -> RecordingUpstream.send(exchange, 503, "down"));
        assertEquals(503, get("/counted/x").statusCode());
        String ok = "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"counted\"} 3";
        String unavailable = "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"503\",http_route=\"counted\"} 1";
        String scrape = scrapeShowing(ok, unavailable);
        assertEquals("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"counted\"} 3",
                sample(scrape, "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"counted\"}"));
        assertEquals("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"503\",http_route=\"counted\"} 1",
                sample(scrape, "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"503\",http_route=\"counted\"}"));
    }

    @Test
    void theRequestHistogramHasOpenTelemetrysBuckets() throws Exception {
        get("/buckets/1");
        List<String> buckets = series(scrapeShowing("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"buckets\"} 1"), "http_server_request_duration_seconds_bucket{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"buckets\"");
        assertEquals(List.of("0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "+Inf"),
                buckets.stream().map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")).toList());
    }

    @Test
    void tenThousandDistinctPathsMakeABoundedNumberOfSeries() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            pending.add(GatewayClient.getAsync(gateway, (i % 2 == 0 ? "/scan/" : "/nowhere/") + i));
            if (pending.size() == 50) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        String scrape = scrapeShowing(
                "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"scan\"} 5000",
                "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"404\",http_route=\"unmatched\"} 5000");
        assertEquals("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"scan\"} 5000",
                sample(scrape, "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"scan\"}"));
        assertEquals("http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"404\",http_route=\"unmatched\"} 5000",
                sample(scrape, "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"404\",http_route=\"unmatched\"}"));
        assertTrue(series(scrape, "http_server_request_duration_seconds_count").size() <= 10, scrape);
        assertFalse(scrape.contains("/nowhere/"), "raw paths are no label values");
    }

    @Test
    void countsRateLimitDecisionsByLimitAndOutcome() throws Exception {
        assertEquals(200, get("/limited/1").statusCode());
        assertEquals(200, get("/limited/2").statusCode());
        assertEquals(429, get("/limited/3").statusCode());
        String scrape = scrape();
        assertEquals("gateway_rate_limit_decisions_total{limit=\"two\",outcome=\"allowed\"} 2.0",
                sample(scrape, "gateway_rate_limit_decisions_total{limit=\"two\",outcome=\"allowed\"}"));
        assertEquals("gateway_rate_limit_decisions_total{limit=\"two\",outcome=\"limited\"} 1.0",
                sample(scrape, "gateway_rate_limit_decisions_total{limit=\"two\",outcome=\"limited\"}"));
    }

    @Test
    void countsAuthenticationFailuresByReason() throws Exception {
        assertEquals(401, get("/keyed/1").statusCode());
        assertEquals(401, get("/keyed/2", "X-API-Key", "wrong").statusCode());
        String scrape = scrape();
        assertEquals("gateway_auth_failures_total{reason=\"missing_credential\"} 1.0",
                sample(scrape, "gateway_auth_failures_total{reason=\"missing_credential\"}"));
        assertEquals("gateway_auth_failures_total{reason=\"invalid_token\"} 1.0",
                sample(scrape, "gateway_auth_failures_total{reason=\"invalid_token\"}"));
    }

    @Test
    void timesUpstreamTriesByServiceInstanceAndOutcome() throws Exception {
        String before = scrape();
        get("/counted/upstream");
        String series = "gateway_upstream_request_duration_seconds_count{instance=\"" + UPSTREAM.url()
                + "\",outcome=\"response\",service=\"upstream\"}";
        assertEquals(count(before, series) + 1, count(scrape(), series));
    }

    private static long count(String scrape, String series) {
        String line = sample(scrape, series);
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void showsInstancesInFlightRequestsClusterMembersAndTheJvm() throws Exception {
        String scrape = scrapeShowing("gateway_in_flight_requests 1.0");
        assertEquals("gateway_upstream_instance_up{instance=\"" + UPSTREAM.url() + "\",service=\"upstream\"} 1.0",
                sample(scrape, "gateway_upstream_instance_up{instance=\"" + UPSTREAM.url() + "\",service=\"upstream\"}"));
        assertEquals("gateway_in_flight_requests 1.0", sample(scrape, "gateway_in_flight_requests"), "the scrape itself");
        assertEquals("gateway_cluster_members 1.0", sample(scrape, "gateway_cluster_members"));
        assertFalse(series(scrape, "jvm_memory_used_bytes").isEmpty(), scrape);
        assertFalse(series(scrape, "gateway_retries_total{service=\"upstream\"}").isEmpty(), scrape);
    }

    @Test
    void showsTheStateOfEachServicesCircuitBreaker() throws Exception {
        String scrape = scrapeShowing("gateway_in_flight_requests 1.0");
        assertEquals("gateway_circuit_breaker_state{service=\"upstream\",state=\"off\"} 1.0",
                sample(scrape, "gateway_circuit_breaker_state{service=\"upstream\",state=\"off\"}"));
        assertEquals("gateway_circuit_breaker_state{service=\"upstream\",state=\"open\"} 0.0",
                sample(scrape, "gateway_circuit_breaker_state{service=\"upstream\",state=\"open\"}"));
    }

    @Test
    void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = get("/_gateway/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                response.headers().toString());
        assertTrue(response.body().endsWith("# EOF\n"), response.body());
    }

    @Test
    void answersPrometheusTextByDefault() throws Exception {
        HttpResponse<String> response = get("/_gateway/metrics");
        assertEquals("text/plain;version=0.0.4;charset=utf-8",
                response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
    }

    @Test
    void refusesACallerFromAnAddressOutsideAllowFrom() throws Exception {
        HttpResponse<String> response = get("/_gateway/metrics", "X-Forwarded-For", "203.0.113.9");
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"forbidden\""), response.body());
    }
}
