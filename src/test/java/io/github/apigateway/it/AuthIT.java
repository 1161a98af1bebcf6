package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication and authorization with tokens from a real Keycloak and with API keys. */
class AuthIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    private static final String API_KEY = "reporting-job-secret-key";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "public", "path": "/public/*", "service": "upstream", "auth": "none"},
                   {"id": "api", "path": "/api/*", "service": "upstream"},
                   {"id": "admin", "path": "/admin/*", "service": "upstream", "auth": "bearer", "roles": ["admin"]},
                   {"id": "readers", "path": "/readers/*", "service": "upstream", "auth": "bearer", "roles": ["reader"]},
                   {"id": "reports", "path": "/reports/*", "service": "upstream", "auth": "api_key", "roles": ["reports"]},
                   {"id": "mixed", "path": "/mixed/*", "service": "upstream", "auth": "any"}],
                 "auth": {
                   "keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                "credentials": {"secret": "gateway-secret"}, "ssl-required": "none"},
                   "jwt": {"audiences": ["gateway"], "clock_skew_seconds": 30},
                   "api_keys": {"header": "X-API-Key", "keys": [{"id": "reporting-job", "sha256": "%s", "roles": ["reports"]}]}}}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url(), keyHash));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aPasswordGrantTokenReachesTheUpstreamWithTheCallersIdentity() throws Exception {
        String token = KEYCLOAK.passwordToken("alice");
        HttpResponse<String> response = get("/api/orders", "Authorization", bearer(token));
        assertEquals(200, response.statusCode(), response.body());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals(KeycloakServer.jsonField(payload(token), "sub"), received.header("X-User-Id"));
        assertEquals("alice", received.header("X-User-Name"));
        assertTrue(Set.of(received.header("X-User-Roles").split(",")).containsAll(Set.of("user", "reader")), received.header("X-User-Roles"));
        assertEquals("cli", received.header("X-Client-Id"));
        assertEquals("premium", received.header("X-User-Tier"));
        assertEquals(bearer(token), received.header("Authorization"));
    }

    @Test
    void identityHeadersSentByTheClientAreReplaced() throws Exception {
        get("/api/x", "Authorization", bearer(KEYCLOAK.passwordToken("bob")),
                "X-User-Id", "forged", "X-User-Tier", "premium", "X-User-Roles", "admin", "X-Client-Id", "forged", "X-User-Extra", "forged");
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertNotEquals("forged", received.header("X-User-Id"));
        assertEquals("basic", received.header("X-User-Tier"));
        assertTrue(!received.header("X-User-Roles").contains("admin"), received.header("X-User-Roles"));
        assertEquals("cli", received.header("X-Client-Id"));
        assertNull(received.header("X-User-Extra"));
    }

    @Test
    void aPublicRouteDropsIdentityHeadersSentByTheClient() throws Exception {
        assertEquals(200, get("/public/x", "X-User-Id", "forged", "X-Client-Id", "forged").statusCode());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertNull(received.header("X-User-Id"));
        assertNull(received.header("X-Client-Id"));
    }

    @Test
    void aRouteWithoutAuthNeedsABearerTokenAndChallengesForIt() throws Exception {
        HttpResponse<String> response = get("/api/x");
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"demo\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(response.body().contains("\"status\":401"), response.body());
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void anInvalidTokenIsRejectedWithInvalidToken() throws Exception {
        String token = KEYCLOAK.passwordToken("alice");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> response = get("/api/x", "Authorization", bearer(tampered));
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
        assertTrue(!response.body().contains("Exception"), response.body());
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void aCallerWithoutTheRouteRoleIsForbidden() throws Exception {
        HttpResponse<String> response = get("/admin/x", "Authorization", bearer(KEYCLOAK.passwordToken("alice")));
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void aCallerWithTheRouteRoleIsAdmitted() throws Exception {
        assertEquals(200, get("/admin/x", "Authorization", bearer(KEYCLOAK.passwordToken("carol"))).statusCode());
    }

    @Test
    void clientRolesOfTheGatewayClientCountAsRoles() throws Exception {
        assertEquals(200, get("/readers/x", "Authorization", bearer(KEYCLOAK.passwordToken("alice"))).statusCode());
        assertEquals(403, get("/readers/x", "Authorization", bearer(KEYCLOAK.passwordToken("bob"))).statusCode());
    }

    @Test
    void aClientCredentialsTokenIdentifiesTheClient() throws Exception {
        assertEquals(200, get("/api/x", "Authorization", bearer(KEYCLOAK.clientCredentialsToken("gateway", "gateway-secret"))).statusCode());
        assertEquals("gateway", UPSTREAM.takeRequest().header("X-Client-Id"));
    }

    @Test
    void aTokenIssuedForAnotherAudienceIsRejected() throws Exception {
        HttpResponse<String> response = get("/api/x", "Authorization", bearer(KEYCLOAK.clientCredentialsToken("other-app", "other-secret")));
        assertEquals(401, response.statusCode());
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void aValidApiKeyIdentifiesItsClientAndIsNotForwarded() throws Exception {
        assertEquals(200, get("/reports/daily", "X-API-Key", API_KEY).statusCode());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("reporting-job", received.header("X-Client-Id"));
        assertEquals("reports", received.header("X-User-Roles"));
        assertNull(received.header("X-API-Key"));
    }

    @Test
    void anUnknownApiKeyIsRejected() throws Exception {
        assertEquals(401, get("/reports/daily", "X-API-Key", API_KEY + "x").statusCode());
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void aBearerRouteDoesNotTakeAnApiKey() throws Exception {
        assertEquals(401, get("/api/x", "X-API-Key", API_KEY).statusCode());
    }

    @Test
    void anyAcceptsEitherCredential() throws Exception {
        assertEquals(200, get("/mixed/x", "X-API-Key", API_KEY).statusCode());
        assertEquals(200, get("/mixed/x", "Authorization", bearer(KEYCLOAK.passwordToken("bob"))).statusCode());
        assertEquals(401, get("/mixed/x").statusCode());
    }

    private static String payload(String token) {
        return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
