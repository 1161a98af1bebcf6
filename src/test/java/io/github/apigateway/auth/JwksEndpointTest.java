package io.github.apigateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JWKS fetch against a real HTTP server on loopback. */
class JwksEndpointTest {

    private HttpServer keycloak;

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    private JwksEndpoint answering(int status, byte[] body) throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        keycloak.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keycloak.start();
        return new JwksEndpoint(URI.create("http://127.0.0.1:" + keycloak.getAddress().getPort() + "/certs"), TestTokens.HTTP);
    }

    @Test
    void theRealmsKeysAreRead() throws Exception {
        JWKSet published = new JWKSet(TestTokens.KEY.toPublicJWK());
        JWKSet fetched = answering(200, published.toString().getBytes(StandardCharsets.UTF_8)).get().get(5, TimeUnit.SECONDS);
        assertEquals(published.getKeys().get(0).getKeyID(), fetched.getKeys().get(0).getKeyID());
    }

    @Test
    void anErrorStatusFailsTheFetch() throws Exception {
        JwksEndpoint endpoint = answering(500, "{}".getBytes(StandardCharsets.UTF_8));
        assertThrows(ExecutionException.class, () -> endpoint.get().get(5, TimeUnit.SECONDS));
    }

    @Test
    void anAnswerLargerThanTheBoundFailsTheFetch() throws Exception {
        JwksEndpoint endpoint = answering(200, new byte[KeycloakHttp.MAX_BODY + 1]);
        assertThrows(ExecutionException.class, () -> endpoint.get().get(5, TimeUnit.SECONDS));
    }
}
