package io.github.apigateway.auth;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.sun.net.httpserver.HttpServer;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token endpoint's answers, read from a local server standing in for Keycloak. */
class TokenEndpointTest {

    private final AtomicReference<String> form = new AtomicReference<>();
    private HttpServer keycloak;

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    private TokenEndpoint answering(int status, String json) throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        keycloak.createContext("/token", exchange -> {
            form.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keycloak.start();
        URI token = URI.create("http://127.0.0.1:" + keycloak.getAddress().getPort() + "/token");
        return new TokenEndpoint(new BrowserSettings(TestTokens.ISSUER, "gateway", "secret", token, token, token, null,
                java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(10)), TestTokens.HTTP);
    }

    private static RefreshTokenGrant refresh() {
        return new RefreshTokenGrant(new RefreshToken("the-refresh-token"));
    }

    @Test
    void theIssuedTokensAreRead() throws Exception {
        TokenEndpoint endpoint = answering(200, """
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "refresh_token": "rotated"}"""
                .formatted(TestTokens.aliceToken()));
        OIDCTokens tokens = endpoint.redeem(refresh()).join();
        assertEquals("rotated", tokens.getRefreshToken().getValue());
        assertTrue(form.get().contains("refresh_token=the-refresh-token"), form.get());
    }

    @Test
    void aRefusedGrantIsALoginFailure() throws Exception {
        TokenEndpoint endpoint = answering(400, "{\"error\": \"invalid_grant\"}");
        CompletionException e = assertThrows(CompletionException.class, () -> endpoint.redeem(refresh()).join());
        assertEquals(401, assertInstanceOf(GatewayException.class, e.getCause()).status());
    }

    @Test
    void anUnreadableAnswerIsABadGateway() throws Exception {
        TokenEndpoint endpoint = answering(200, "not json");
        CompletionException e = assertThrows(CompletionException.class, () -> endpoint.redeem(refresh()).join());
        assertEquals(502, assertInstanceOf(GatewayException.class, e.getCause()).status());
    }
}
