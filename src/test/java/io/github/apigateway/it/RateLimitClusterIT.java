package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three gateway nodes, each its own embedded Jetty with the WAR and its own Hazelcast member on
 * loopback, forming one cluster: together they allow what one node would, and when a member dies with
 * SIGKILL they keep answering, as {@code rate_limit_failure} says (nodes 1 and 2 fail open, node 3
 * closed).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitClusterIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final int BURST = 10;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();

    @ArquillianResource
    @OperateOnDeployment("node1")
    private URL node1;

    @ArquillianResource
    @OperateOnDeployment("node2")
    private URL node2;

    @ArquillianResource
    @OperateOnDeployment("node3")
    private URL node3;

    private static String config(String failure) {
        return """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "limited", "path": "/limited/*", "service": "upstream", "auth": "none", "rate_limits": ["ten-per-route"]},
                   {"id": "tenants", "path": "/tenants/*", "service": "upstream", "auth": "none", "rate_limits": ["per-tenant"]}],
                 "rate_limits": [
                   {"id": "ten-per-route", "source": "route", "requests_per_minute": 6, "burst": %d},
                   {"id": "per-tenant", "source": "header", "header_name": "X-Tenant", "requests_per_minute": 60000}],
                 "rate_limit_failure": "%s"}
                """.formatted(UPSTREAM.url(), BURST, failure);
    }

    @Deployment(name = "node1", testable = false)
    @TargetsContainer("node-1")
    static WebArchive node1() {
        return GatewayDeployment.withConfig("node1.war", config("open"));
    }

    @Deployment(name = "node2", testable = false)
    @TargetsContainer("node-2")
    static WebArchive node2() {
        return GatewayDeployment.withConfig("node2.war", config("open"));
    }

    @Deployment(name = "node3", testable = false)
    @TargetsContainer("node-3")
    static WebArchive node3() {
        return GatewayDeployment.withConfig("node3.war", config("closed"));
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    private HttpResponse<String> get(URL node, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path.substring(1))).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int members(URL node) throws Exception {
        String health = get(node, "/_gateway/health").body();
        String count = health.replaceAll(".*\"members\":(\\d+).*", "$1");
        return Integer.parseInt(count);
    }

    private void awaitMembers(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (members(node1) == expected && members(node2) == expected && members(node3) == expected) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(expected, members(node1), "cluster size seen by node 1");
    }

    @Test
    @Order(1)
    void theThreeNodesFormOneCluster() throws Exception {
        awaitMembers(3);
    }

    @Test
    @Order(2)
    void nodesTogetherAllowWhatOneNodeWouldUnderAConcurrentBurst() throws Exception {
        int allowed = ConcurrentBurst.allowedOf(List.of(node1, node2, node3), "/limited/x", 60, BURST);
        assertTrue(allowed >= BURST && allowed <= BURST + 1, allowed + " requests allowed for a burst of " + BURST);
    }

    @Test
    @Order(3)
    void whenAMemberIsKilledTheOthersKeepAnswering() throws Exception {
        try (StandaloneMember member = StandaloneMember.start()) {
            List<String> tenants = joinAndSpreadBuckets("killed");
            member.kill();
            for (String tenant : tenants) {
                assertEquals(200, get(node1, "/tenants/x", "X-Tenant", tenant).statusCode(), "node 1 (open) keeps serving");
                int closed = get(node3, "/tenants/x", "X-Tenant", tenant).statusCode();
                assertTrue(closed == 200 || closed == 503, "node 3 (closed) answered " + closed);
            }
            awaitMembers(3);
            for (String tenant : tenants) {
                assertEquals(200, get(node3, "/tenants/x", "X-Tenant", tenant).statusCode(), "the survivors took over every bucket");
            }
        }
    }

    @Test
    @Order(4)
    void whenAMemberHangsOpenNodesLetRequestsThroughAndClosedNodesAnswer503() throws Exception {
        try (StandaloneMember member = StandaloneMember.start()) {
            List<String> tenants = joinAndSpreadBuckets("frozen");
            member.freeze();
            int unavailable = 0;
            for (String tenant : tenants) {
                int closed = get(node3, "/tenants/x", "X-Tenant", tenant).statusCode();
                assertTrue(closed == 200 || closed == 503, "node 3 (closed) answered " + closed);
                unavailable += closed == 503 ? 1 : 0;
                assertEquals(200, get(node1, "/tenants/x", "X-Tenant", tenant).statusCode(), "node 1 (open) lets requests through");
            }
            assertTrue(unavailable > 0, "the buckets on the hung member could not be decided: the closed node refused those");
        }
        awaitMembers(3);
    }

    /** Lets the standalone member join, waits for partitions to move to it, and uses buckets all over. */
    private List<String> joinAndSpreadBuckets(String prefix) throws Exception {
        awaitMembers(4);
        Thread.sleep(3_000);
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String tenant = prefix + "-" + i;
            tenants.add(tenant);
            assertEquals(200, get(node1, "/tenants/x", "X-Tenant", tenant).statusCode());
        }
        return tenants;
    }
}
