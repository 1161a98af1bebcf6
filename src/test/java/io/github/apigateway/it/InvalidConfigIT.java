package io.github.apigateway.it;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An invalid config never starts a half-working gateway: the container refuses the application, and
 * the log names the file, the JSON path of the bad field and why.
 */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigIT {

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "unknown-service", managed = false, testable = false)
    static WebArchive routeToUnknownService() {
        return GatewayDeployment.withConfig("unknown-service.war", GatewayDeployment.config("http://127.0.0.1:9", """
                {"id": "r", "path": "/r/*", "service": "nope", "auth": "none"}"""));
    }

    @Deployment(name = "aggregate-unknown-service", managed = false, testable = false)
    static WebArchive aggregateCallToUnknownService() {
        return GatewayDeployment.withConfig("aggregate-unknown-service.war", GatewayDeployment.config("http://127.0.0.1:9", """
                {"id": "r", "path": "/r/*", "auth": "none", "aggregate": {"calls": [
                  {"name": "a", "service": "upstream", "path": "/a"}, {"name": "b", "service": "nope", "path": "/b"}]}}"""));
    }

    @Deployment(name = "owned-header", managed = false, testable = false)
    static WebArchive transformSettingAnIdentityHeader() {
        return GatewayDeployment.withConfig("owned-header.war", GatewayDeployment.config("http://127.0.0.1:9", """
                {"id": "r", "path": "/r/*", "service": "upstream", "auth": "none",
                 "request_transform": {"set_headers": {"X-User-Id": "admin"}}}"""));
    }

    @Deployment(name = "malformed", managed = false, testable = false)
    static WebArchive malformedJson() {
        return GatewayDeployment.withConfig("malformed.war", "{\"services\": ");
    }

    @Test
    void aRouteToAnUnknownServiceFailsTheDeployment() throws Exception {
        try (CapturedLog log = CapturedLog.of("io.github.apigateway")) {
            assertRefused("unknown-service");
            assertLogged(log, "WEB-INF/gateway.json", "routes[0].service: unknown service 'nope'");
        }
    }

    @Test
    void anAggregateCallToAnUnknownServiceFailsTheDeployment() throws Exception {
        try (CapturedLog log = CapturedLog.of("io.github.apigateway")) {
            assertRefused("aggregate-unknown-service");
            assertLogged(log, "WEB-INF/gateway.json", "routes[0].aggregate.calls[1].service: unknown service 'nope'");
        }
    }

    @Test
    void aTransformThatSetsAHeaderTheGatewayOwnsFailsTheDeployment() throws Exception {
        try (CapturedLog log = CapturedLog.of("io.github.apigateway")) {
            assertRefused("owned-header");
            assertLogged(log, "WEB-INF/gateway.json", "routes[0].request_transform.set_headers.X-User-Id: 'X-User-Id' is the caller's identity");
        }
    }

    @Test
    void malformedJsonFailsTheDeploymentWithLineAndColumn() throws Exception {
        try (CapturedLog log = CapturedLog.of("io.github.apigateway")) {
            assertRefused("malformed");
            assertLogged(log, "WEB-INF/gateway.json", "malformed JSON at line 1, column");
        }
    }

    /**
     * Jetty's deployer reports the failure (the WAR sets throwUnavailableOnStartupException). Tomcat's
     * logs it and keeps the context registered but FAILED: unmapped, so it takes no request.
     */
    private void assertRefused(String deployment) throws MalformedObjectNameException {
        if (EmbeddedContainer.current() == EmbeddedContainer.JETTY) {
            assertThrows(DeploymentException.class, () -> deployer.deploy(deployment));
            return;
        }
        deployer.deploy(deployment);
        Set<ObjectName> contexts = ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("*:j2eeType=WebModule,name=//*/" + deployment + ",*"), null);
        assertFalse(contexts.isEmpty(), "no Tomcat context for " + deployment + " exists");
        for (ObjectName context : contexts) {
            assertEquals("FAILED", attribute(context, "stateName"), context.toString());
        }
    }

    private static Object attribute(ObjectName name, String attribute) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + attribute + " of " + name, e);
        }
    }

    private static void assertLogged(CapturedLog log, String... fragments) {
        List<String> errors = log.messagesAtOrAbove(Level.SEVERE);
        assertTrue(errors.stream().anyMatch(message -> List.of(fragments).stream().allMatch(message::contains)),
                "no error naming " + List.of(fragments) + " in " + errors);
    }
}
