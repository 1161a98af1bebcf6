package io.github.apigateway.it;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * Where a deployment answers when the test deployed it itself (an unmanaged Arquillian deployment has
 * no injectable URL before it is deployed): the default container's port, which the build reserved and
 * gave to both the container config and the tests, and the archive's name as the context path.
 */
final class GatewayUrls {

    private GatewayUrls() {
    }

    static URL of(String deploymentName) throws MalformedURLException {
        String port = System.getProperty("container.port.gateway");
        if (port == null) {
            throw new IllegalStateException("container.port.gateway is not set: run the integration tests through Maven (mvn verify)");
        }
        return URI.create("http://127.0.0.1:" + port + "/" + deploymentName + "/").toURL();
    }
}
