package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API on one node: the active config with its version, changes by compare-and-set on that
 * version, served at once and without a restart; invalid changes refused with their JSON paths; only an
 * admin token from an allowed address gets in. Every test starts from the same document, put back first.
 */
class AdminApiIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @RegisterExtension
    static final RecordingUpstream REPLACEMENT = RecordingUpstream.start();

    private AdminClient admin;

    private static String config(String extraRoutes) {
        return AdminClient.configWithAdminApi(UPSTREAM.url(), extraRoutes);
    }

    private static final String BASE = config("");
    private static final String WITH_ADDED_ROUTE = config(
            "{\"id\": \"added\", \"path\": \"/added/*\", \"service\": \"upstream\", \"auth\": \"none\"},");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(BASE);
    }

    @BeforeEach
    void startFromTheBaseConfig() throws Exception {
        UPSTREAM.respondWith(RecordingUpstream::ok);
        admin = new AdminClient(gateway, KEYCLOAK.passwordToken("carol"));
        admin.replace(BASE);
    }

    @Test
    void getConfigShowsTheActiveDocumentWithItsVersionAlsoAsETag() throws Exception {
        HttpResponse<String> response = admin.getConfig();

        assertEquals(200, response.statusCode());
        String version = AdminClient.versionIn(response.body());
        assertEquals("\"" + version + "\"", response.headers().firstValue("ETag").orElse(null));
        assertTrue(response.body().contains("\"config\":{\"services\""), response.body());
    }

    @Test
    void aChangeBasedOnTheActiveVersionIsServedAtOnce() throws Exception {
        String before = admin.version();

        HttpResponse<String> response = admin.put(before, WITH_ADDED_ROUTE);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Long.parseLong(before) + 1, Long.parseLong(AdminClient.versionIn(response.body())));
        assertEquals(200, get("/added/x").statusCode());
        assertEquals("/added/x", UPSTREAM.takeRequest().uri());
    }

    @Test
    void theETagAsIfMatchIsTakenToo() throws Exception {
        String etag = admin.getConfig().headers().firstValue("ETag").orElseThrow();

        assertEquals(200, admin.put(etag, WITH_ADDED_ROUTE).statusCode());
    }

    @Test
    void aChangeBasedOnAVersionThatMovedOnIs412AndChangesNothing() throws Exception {
        String old = admin.version();
        admin.replace(BASE);

        HttpResponse<String> response = admin.put(old, WITH_ADDED_ROUTE);

        assertEquals(412, response.statusCode(), response.body());
        assertEquals(404, get("/added/x").statusCode());
    }

    @Test
    void aChangeWithoutIfMatchIs428() throws Exception {
        assertEquals(428, admin.put(null, WITH_ADDED_ROUTE).statusCode());
    }

    @Test
    void anInvalidConfigIs422WithTheJsonPathOfEachProblemAndTheOldConfigIsStillServed() throws Exception {
        String before = admin.version();
        String invalid = WITH_ADDED_ROUTE.replace("\"service\": \"upstream\", \"auth\": \"none\"},",
                "\"service\": \"nowhere\", \"auth\": \"none\"},");

        HttpResponse<String> response = admin.put(before, invalid);

        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("\"path\":\"routes[0].service\""), response.body());
        assertEquals(before, admin.version());
        assertEquals(404, get("/added/x").statusCode());
        assertEquals(200, get("/public/x").statusCode());
    }

    @Test
    void malformedJsonIs422WithItsLineAndColumn() throws Exception {
        HttpResponse<String> response = admin.put(admin.version(), "{\"services\": ");

        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("malformed JSON at line 1"), response.body());
    }

    @Test
    void validateChecksADocumentWithoutChangingAnything() throws Exception {
        String before = admin.version();

        HttpResponse<String> valid = admin.validate(WITH_ADDED_ROUTE);
        HttpResponse<String> invalid = admin.validate("{\"routes\": 1}");

        assertEquals(200, valid.statusCode(), valid.body());
        assertTrue(valid.body().contains("\"valid\":true"), valid.body());
        assertEquals(422, invalid.statusCode(), invalid.body());
        assertTrue(invalid.body().contains("\"path\":\"routes\""), invalid.body());
        assertEquals(before, admin.version());
        assertEquals(404, get("/added/x").statusCode());
    }

    @Test
    void aFieldOnlyANodesStartReadsIsRefusedWith422() throws Exception {
        String tracingOff = BASE.replace("\"management\":", "\"observability\": {\"tracing\": false}, \"management\":");

        HttpResponse<String> response = admin.put(admin.version(), tracingOff);

        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("\"path\":\"observability\""), response.body());
    }

    @Test
    void withoutATokenTheAdminApiIs401() throws Exception {
        assertEquals(401, get("/_gateway/admin/config").statusCode());
    }

    @Test
    void aTokenWithoutAnAdminRoleIs403() throws Exception {
        assertEquals(403, new AdminClient(gateway, KEYCLOAK.passwordToken("alice")).getConfig().statusCode());
    }

    @Test
    void statusShowsThisMemberWithTheVersionItServesAndEachServicesInstances() throws Exception {
        String version = admin.version();

        HttpResponse<String> response = admin.status();

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"config_version\":\"" + version + "\",\"local\":true"), response.body());
        assertTrue(response.body().contains("\"upstream\":{\"circuit_breaker\":\"off\",\"instances\":[{\"url\":\""
                + UPSTREAM.url()), response.body());
        assertTrue(response.body().contains("\"state\":\"healthy\""), response.body());
    }

    @Test
    void eachChangeIsLoggedWithWhoMadeIt() throws Exception {
        try (CapturedLog log = CapturedLog.of("gateway.admin")) {
            String version = admin.replace(WITH_ADDED_ROUTE);

            assertTrue(log.messagesAtOrAbove(Level.INFO).stream()
                    .anyMatch(line -> line.contains("Config version " + version + " set by carol")), log.messagesAtOrAbove(Level.INFO).toString());
        }
    }

    @Test
    void aRequestInFlightFinishesOnTheConfigItStartedWith() throws Exception {
        admin.replace(WITH_ADDED_ROUTE);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> inFlight = heldByTheUpstream("/added/slow", "old route", release);

        admin.replace(BASE);
        assertEquals(404, get("/added/x").statusCode());
        release.countDown();

        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("old route", finished.body());
    }

    @Test
    void replacingAServicesInstancesDrainsTheRemovedOneInsteadOfCuttingItsRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> inFlight = heldByTheUpstream("/public/slow", "removed instance", release);

        admin.replace(AdminClient.configWithAdminApi(REPLACEMENT.url(), ""));
        assertEquals(200, get("/public/next").statusCode());
        assertEquals("/public/next", REPLACEMENT.takeRequest().uri());
        release.countDown();

        HttpResponse<String> drained = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, drained.statusCode());
        assertEquals("removed instance", drained.body());
    }

    /** A request the upstream has received and answers with {@code body} only once {@code release} opens. */
    private CompletableFuture<HttpResponse<String>> heldByTheUpstream(String path, String body, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(1);
        UPSTREAM.respondWith((exchange, request) -> {
            arrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RecordingUpstream.send(exchange, 200, body);
        });
        CompletableFuture<HttpResponse<String>> inFlight = GatewayClient.getAsync(gateway, path);
        assertTrue(arrived.await(10, TimeUnit.SECONDS), "the upstream did not receive " + path);
        return inFlight;
    }
}
