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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three gateway nodes, each its own embedded container with the WAR and its own Hazelcast member on
 * loopback, forming one cluster: together they allow what one node would. A fourth member in a JVM of
 * its own owns some buckets: when it dies (SIGKILL) the nodes keep answering and the survivors take its
 * buckets over; when it hangs (SIGSTOP) requests for its buckets are answered within a second, as the
 * cluster's {@code rate_limit_failure} says (first open; then closed, changed through the admin API), and
 * its limits apply again once it continues.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitClusterIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final int BURST = 10;
    private static final int SMALL_BURST = 3;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();

    private UUID newMember;

    @ArquillianResource
    @OperateOnDeployment("node1")
    private URL node1;

    @ArquillianResource
    @OperateOnDeployment("node2")
    private URL node2;

    @ArquillianResource
    @OperateOnDeployment("node3")
    private URL node3;

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();

    private static String config(String failure) {
        return """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "limited", "path": "/limited/*", "service": "upstream", "auth": "none", "rate_limits": ["ten-per-route"]},
                   {"id": "tenants", "path": "/tenants/*", "service": "upstream", "auth": "none", "rate_limits": ["per-tenant"]},
                   {"id": "small", "path": "/small/*", "service": "upstream", "auth": "none", "rate_limits": ["small-per-tenant"]}],
                 "rate_limits": [
                   {"id": "ten-per-route", "source": "route", "requests_per_minute": 6, "burst": %d},
                   {"id": "per-tenant", "source": "header", "header_name": "X-Tenant", "requests_per_minute": 60000},
                   {"id": "small-per-tenant", "source": "header", "header_name": "X-Tenant", "requests_per_minute": 1, "burst": %d}],
                 "rate_limit_failure": "%s",
                 "rate_limit_timeout_ms": 500,
                 "auth": {
                   "keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                "credentials": {"secret": "gateway-secret"}, "ssl-required": "none"}},
                 "management": {"admin_roles": ["admin"]}}
                """.formatted(UPSTREAM.url(), BURST, SMALL_BURST, failure, KEYCLOAK.url());
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
        return GatewayDeployment.withConfig("node3.war", config("open"));
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
    void whenAMemberIsKilledOpenNodesKeepServingAndTheSurvivorsTakeOverItsBuckets() throws Exception {
        try (StandaloneMember member = StandaloneMember.start()) {
            List<String> tenants = joinAndSpreadBuckets("killed");
            member.kill();
            for (String tenant : tenants) {
                assertEquals(200, get(node1, "/tenants/x", "X-Tenant", tenant).statusCode(), "node 1 (open) keeps serving");
            }
            awaitMembers(3);
            Thread.sleep(2_000);
            for (String tenant : tenants) {
                assertEquals(200, get(node3, "/tenants/x", "X-Tenant", tenant).statusCode(), "the survivors took over every bucket");
            }
        }
    }

    @Test
    @Order(4)
    void whenAMemberHangsOpenNodesLetRequestsForItsBucketsThroughAndLimitsResumeWhenItContinues() throws Exception {
        try (StandaloneMember member = StandaloneMember.start()) {
            List<String> tenants = joinAndSpreadBuckets("frozen");
            String small = tenantOwnedByTheNewMember("small-per-tenant", "small");
            String fresh1 = tenantOwnedByTheNewMember("per-tenant", "fresh-1");
            String fresh3 = tenantOwnedByTheNewMember("per-tenant", "fresh-3");
            member.freeze();
            for (String tenant : tenants) {
                assertAnswersWithinOneSecond(node3, tenant, 200);
                assertAnswersWithinOneSecond(node1, tenant, 200);
            }
            member.resume();
            awaitDecided(node3, fresh3);
            awaitDecided(node1, fresh1);
            for (int i = 0; i < SMALL_BURST; i++) {
                assertEquals(200, get(node1, "/small/x", "X-Tenant", small).statusCode(), "small bucket, request " + i);
            }
            assertEquals(429, get(node1, "/small/x", "X-Tenant", small).statusCode(),
                    "the resumed member decides its buckets again");
        }
        awaitMembers(3);
    }

    @Test
    @Order(5)
    void whenAMemberHangsAClusterThatFailsClosedRefusesRequestsForItsBucketsAtOnceAndOnlyThose() throws Exception {
        new AdminClient(node1, KEYCLOAK.passwordToken("carol")).replace(config("closed"));
        try (StandaloneMember member = StandaloneMember.start()) {
            List<String> tenants = joinAndSpreadBuckets("closed");
            Set<String> onHungMember = tenantsOwnedByTheNewMember(tenants);
            member.freeze();
            // Node 3 holds no lease of these buckets (node 1 spread them), so each request asks their owner.
            for (String tenant : tenants) {
                assertAnswersWithinOneSecond(node3, tenant, onHungMember.contains(tenant) ? 503 : 200);
            }
            member.resume();
        }
        awaitMembers(3);
    }

    private void assertAnswersWithinOneSecond(URL node, String tenant, int status) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(node, "/tenants/x", "X-Tenant", tenant);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(status, response.statusCode(), tenant + " on " + node + ": " + response.body());
        assertTrue(millis < 1_000, tenant + " took " + millis + " ms on " + node);
    }

    /** Waits until the node decides a bucket again: a decided answer carries RateLimit-*, a failed-open one not. */
    private void awaitDecided(URL node, String tenant) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get(node, "/tenants/x", "X-Tenant", tenant).headers().firstValue("RateLimit-Limit").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, tenant + " was not decided again on " + node);
            Thread.sleep(200);
        }
    }

    /** The tenants whose buckets the member that joined last owns; at least one, or the test proves nothing. */
    private Set<String> tenantsOwnedByTheNewMember(List<String> tenants) {
        Map<String, UUID> owners;
        try (ClusterView cluster = ClusterView.connect()) {
            owners = cluster.owners(tenants.stream().map(tenant -> "per-tenant|header=" + tenant).toList());
        }
        Set<String> owned = new HashSet<>();
        for (String tenant : tenants) {
            if (owners.get("per-tenant|header=" + tenant).equals(newMember)) {
                owned.add(tenant);
            }
        }
        assertTrue(!owned.isEmpty() && owned.size() < tenants.size(), owned.size() + " of " + tenants.size() + " buckets on the new member");
        return owned;
    }

    /** A tenant, never used before, whose bucket of {@code limitId} the member that joined last owns. */
    private String tenantOwnedByTheNewMember(String limitId, String prefix) {
        try (ClusterView cluster = ClusterView.connect()) {
            for (int i = 0; i < 200; i++) {
                String tenant = prefix + "-" + i;
                if (cluster.owners(List.of(limitId + "|header=" + tenant)).values().iterator().next().equals(newMember)) {
                    return tenant;
                }
            }
        }
        throw new AssertionError("no small bucket on the new member among 200 keys");
    }

    /**
     * Lets the standalone member join, waits for partitions to move to it, remembers which member it is,
     * and uses buckets all over.
     */
    private List<String> joinAndSpreadBuckets(String prefix) throws Exception {
        Set<UUID> before;
        try (ClusterView cluster = ClusterView.connect()) {
            before = cluster.members();
        }
        awaitMembers(4);
        Thread.sleep(3_000);
        try (ClusterView cluster = ClusterView.connect()) {
            Set<UUID> after = new HashSet<>(cluster.members());
            after.removeAll(before);
            assertEquals(1, after.size(), "one member joined");
            newMember = after.iterator().next();
        }
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String tenant = prefix + "-" + i;
            tenants.add(tenant);
            assertEquals(200, get(node1, "/tenants/x", "X-Tenant", tenant).statusCode());
        }
        return tenants;
    }
}
