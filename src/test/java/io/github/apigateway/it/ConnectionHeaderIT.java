package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A client that names the gateway's own headers in {@code Connection} does not take them off the
 * request the upstream gets: the identity of an authenticated caller, the forwarding headers, {@code Via}
 * and the request id all arrive.
 */
class ConnectionHeaderIT extends DeployedGatewayTest {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final String API_KEY = "connection-header-test-key";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "reports", "path": "/reports/*", "service": "upstream", "auth": "api_key"}],
                 "auth": {"api_keys": {"header": "X-API-Key",
                                       "keys": [{"id": "reporting-job", "sha256": "%s", "roles": ["reports"]}]}}}
                """.formatted(UPSTREAM.url(), keyHash));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        UPSTREAM.respondWith(RecordingUpstream::ok);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    private RecordingUpstream.Received forwardedWithConnection(String connectionTokens) throws Exception {
        RawHttp.Response response = RawHttp.send(gateway, "GET /reports/daily HTTP/1.1",
                List.of("X-API-Key: " + API_KEY, "Connection: close, " + connectionTokens), null);
        assertEquals(200, response.status(), response.bodyText());
        return UPSTREAM.takeRequest();
    }

    @Test
    void identityHeadersNamedInConnectionStillReachTheUpstream() throws Exception {
        RecordingUpstream.Received received = forwardedWithConnection("X-User-Id, X-User-Roles, X-Client-Id");
        assertEquals("reporting-job", received.header("X-User-Id"));
        assertEquals("reports", received.header("X-User-Roles"));
        assertEquals("reporting-job", received.header("X-Client-Id"));
    }

    @Test
    void forwardingHeadersViaAndTheRequestIdNamedInConnectionStillReachTheUpstream() throws Exception {
        RecordingUpstream.Received received = forwardedWithConnection(
                "X-Forwarded-For, X-Forwarded-Proto, X-Forwarded-Host, Via, X-Request-Id");
        assertEquals("127.0.0.1", received.header("X-Forwarded-For"));
        assertEquals("http", received.header("X-Forwarded-Proto"));
        assertEquals(gateway.getHost() + ":" + gateway.getPort(), received.header("X-Forwarded-Host"));
        assertEquals("1.1 gateway", received.header("Via"));
        assertNotNull(received.header("X-Request-Id"));
    }
}
