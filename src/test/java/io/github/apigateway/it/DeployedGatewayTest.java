package io.github.apigateway.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

/**
 * A test of the gateway that Arquillian deploys in the embedded container from the test class's own
 * {@code @Deployment}: where that gateway answers, and GET requests to it.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedGatewayTest {

    /** The deployment's base URL, with its (random) context path and a trailing '/'. */
    @ArquillianResource
    protected URL gateway;

    /** @param headers name, value, name, value... */
    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return GatewayClient.get(gateway, path, headers);
    }
}
