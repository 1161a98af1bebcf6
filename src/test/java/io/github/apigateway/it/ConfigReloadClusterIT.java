package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway nodes in one cluster, then a third that joins later: a config changed through the admin API
 * of one node is served by the other within 2 s, each node's status shows every member with the version it
 * serves, a node that joins after the change serves the cluster's version rather than its own file, and a
 * change based on a version that moved on is refused on any node.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigReloadClusterIT {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    private static final long PROPAGATION_MILLIS = 2_000;

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @ArquillianResource
    @OperateOnDeployment("first")
    private URL first;

    @ArquillianResource
    @OperateOnDeployment("second")
    private URL second;

    @ArquillianResource
    private Deployer deployer;

    private static String config(String extraRoutes) {
        return AdminClient.configWithAdminApi(UPSTREAM.url(), extraRoutes);
    }

    private static final String FILE = config("");
    private static final String CHANGED = config(
            "{\"id\": \"added\", \"path\": \"/added/*\", \"service\": \"upstream\", \"auth\": \"none\"},");

    @Deployment(name = "first", testable = false)
    static WebArchive first() {
        return GatewayDeployment.withConfig("first.war", FILE);
    }

    @Deployment(name = "second", testable = false)
    static WebArchive second() {
        return GatewayDeployment.withConfig("second.war", FILE);
    }

    @Deployment(name = "late", managed = false, testable = false)
    static WebArchive late() {
        return GatewayDeployment.atContextPathOfItsName(GatewayDeployment.withConfig("late.war", FILE));
    }

    private AdminClient admin(URL node) {
        return new AdminClient(node, KEYCLOAK.passwordToken("carol"));
    }

    @Test
    @Order(1)
    void aChangeOnOneNodeIsServedByTheOtherWithinTwoSeconds() throws Exception {
        assertEquals(404, GatewayClient.get(second, "/added/x").statusCode());

        admin(first).replace(CHANGED);
        long changed = System.nanoTime();

        while (GatewayClient.get(second, "/added/x").statusCode() != 200) {
            assertTrue(System.nanoTime() - changed < TimeUnit.MILLISECONDS.toNanos(PROPAGATION_MILLIS),
                    "the second node did not serve the change within " + PROPAGATION_MILLIS + " ms");
            Thread.sleep(50);
        }
    }

    @Test
    @Order(2)
    void eachNodesStatusShowsBothMembersServingTheSameVersion() throws Exception {
        String version = admin(first).version();

        HttpResponse<String> status = admin(second).status();

        assertEquals(200, status.statusCode());
        assertEquals(2, status.body().split("\"config_version\":\"" + version + "\",\"local\"", -1).length - 1, status.body());
        assertTrue(status.body().contains("\"local\":true"), status.body());
        assertTrue(status.body().contains("\"local\":false"), status.body());
    }

    @Test
    @Order(3)
    void aChangeBasedOnAVersionThatMovedOnIsRefusedOnTheOtherNodeToo() throws Exception {
        String before = admin(first).version();
        admin(first).replace(FILE);

        assertEquals(412, admin(second).put(before, CHANGED).statusCode());
    }

    @Test
    @Order(4)
    void aNodeThatJoinsLaterServesTheClustersVersionNotItsOwnFile() throws Exception {
        String version = admin(first).replace(CHANGED);
        deployer.deploy("late");
        try {
            URL late = GatewayUrls.of("late");

            assertEquals(200, GatewayClient.get(late, "/added/x").statusCode());
            assertEquals(version, admin(late).version());
        } finally {
            deployer.undeploy("late");
        }
    }
}
