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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway nodes, the smallest cluster: one budget for both, whether a bucket is small (decided by the
 * cluster per request) or large (spent from leases), and exact for buckets owned by either member.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitTwoNodeIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final int BURST = 20;
    private static final int LEASED_BURST = 200;
    private static final int TENANT_BURST = 3;

    @ArquillianResource
    @OperateOnDeployment("first")
    private URL first;

    @ArquillianResource
    @OperateOnDeployment("second")
    private URL second;

    private static WebArchive node(String name) {
        return GatewayDeployment.withConfig(name + ".war", """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "api", "path": "/api/*", "service": "upstream", "auth": "none"},
                   {"id": "leased", "path": "/leased/*", "service": "upstream", "auth": "none", "rate_limits": ["leased"]},
                   {"id": "tenants", "path": "/tenants/*", "service": "upstream", "auth": "none", "rate_limits": ["per-tenant"]}],
                 "rate_limits": [
                   {"id": "per-address", "source": "ip_address", "requests_per_minute": 10, "burst": %d},
                   {"id": "leased", "source": "route", "requests_per_minute": 1, "burst": %d},
                   {"id": "per-tenant", "source": "header", "header_name": "X-Tenant", "requests_per_minute": 1, "burst": %d}],
                 "default_rate_limits": ["per-address"],
                 "rate_limit_timeout_ms": 1000}
                """.formatted(UPSTREAM.url(), BURST, LEASED_BURST, TENANT_BURST));
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
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void twoNodesTogetherAllowOneBurstPerClient() throws Exception {
        awaitTwoMembers();
        int allowed = ConcurrentBurst.allowedOf(List.of(first, second), "/api/x", 80, BURST);
        assertTrue(allowed >= BURST && allowed <= BURST + 1, allowed + " requests allowed for a burst of " + BURST);
    }

    @Test
    void aLeasedBucketSharedByTwoNodesAllowsItsBurstAndNoMore() throws Exception {
        awaitTwoMembers();
        int allowed = ConcurrentBurst.allowedOf(List.of(first, second), "/leased/x", 2 * LEASED_BURST, LEASED_BURST);
        assertTrue(allowed >= LEASED_BURST && allowed <= LEASED_BURST + 1,
                allowed + " requests allowed for a burst of " + LEASED_BURST);
    }

    @Test
    void bucketsOwnedByEitherMemberAreDecidedExactlyFromBothNodes() throws Exception {
        awaitTwoMembers();
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tenants.add("tenant-" + i);
        }
        try (ClusterView cluster = ClusterView.connect()) {
            Set<UUID> owners = new HashSet<>(cluster.owners(tenants.stream().map(t -> "per-tenant|header=" + t).toList()).values());
            assertEquals(2, owners.size(), "the tenants' buckets are spread over both members");
        }
        HttpClient client = HttpClient.newHttpClient();
        for (String tenant : tenants) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i <= TENANT_BURST; i++) {
                URL node = i % 2 == 0 ? first : second;
                statuses.add(client.send(HttpRequest.newBuilder(URI.create(node + "tenants/x")).header("X-Tenant", tenant).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            assertEquals(List.of(200, 200, 200, 429), statuses, tenant);
        }
    }

    private void awaitTwoMembers() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 240; attempt++) {
            String health = client.send(HttpRequest.newBuilder(URI.create(first + "_gateway/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (health.contains("\"members\":2")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the two nodes did not form one cluster");
    }
}
