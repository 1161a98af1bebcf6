package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** An invalid config never starts a half-working gateway: the container refuses the deployment. */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigIT {

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "unknown-service", managed = false, testable = false)
    static WebArchive routeToUnknownService() {
        return GatewayDeployment.withConfig("unknown-service.war", GatewayDeployment.config("http://127.0.0.1:9", """
                {"id": "r", "path": "/r/*", "service": "nope", "auth": "none"}"""));
    }

    @Deployment(name = "malformed", managed = false, testable = false)
    static WebArchive malformedJson() {
        return GatewayDeployment.withConfig("malformed.war", "{\"services\": ");
    }

    @Test
    void aRouteToAnUnknownServiceFailsTheDeployment() {
        assertThrows(Exception.class, () -> deployer.deploy("unknown-service"));
    }

    @Test
    void malformedJsonFailsTheDeployment() {
        assertThrows(Exception.class, () -> deployer.deploy("malformed"));
    }
}
