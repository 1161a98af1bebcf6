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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two gateway nodes, the smallest cluster: one budget for both, per client address this time. */
@ExtendWith(ArquillianExtension.class)
class RateLimitTwoNodeIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final int BURST = 20;

    @ArquillianResource
    @OperateOnDeployment("first")
    private URL first;

    @ArquillianResource
    @OperateOnDeployment("second")
    private URL second;

    private static WebArchive node(String name) {
        return GatewayDeployment.withConfig(name + ".war", """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "api", "path": "/api/*", "service": "upstream", "auth": "none"}],
                 "rate_limits": [{"id": "per-address", "source": "ip_address", "requests_per_minute": 10, "burst": %d}],
                 "default_rate_limits": ["per-address"]}
                """.formatted(UPSTREAM.url(), BURST));
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
