package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /_gateway/metrics} for a caller outside {@code management.allow_from} (here the test itself: only
 * 10.0.0.0/8 is allowed): a bearer token with an admin role admits it, anything less does not.
 */
class MetricsAccessIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "public", "path": "/public/*", "service": "upstream", "auth": "none"}],
                 "auth": {
                   "keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                "credentials": {"secret": "gateway-secret"}, "ssl-required": "none"},
                   "jwt": {"audiences": ["gateway"], "clock_skew_seconds": 30}},
                 "management": {"allow_from": ["10.0.0.0/8"], "admin_roles": ["admin"]}}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url()));
    }

    @Test
    void withoutATokenIs401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = get("/_gateway/metrics");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), response.headers().toString());
    }

    @Test
    void aTokenWithoutAnAdminRoleIs403() throws Exception {
        assertEquals(403, get("/_gateway/metrics", "Authorization", "Bearer " + KEYCLOAK.passwordToken("alice")).statusCode());
    }

    @Test
    void aTokenWithAnAdminRoleReadsTheMetrics() throws Exception {
        HttpResponse<String> response = get("/_gateway/metrics", "Authorization", "Bearer " + KEYCLOAK.passwordToken("carol"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("gateway_in_flight_requests"), response.body());
    }

    @Test
    void anInvalidTokenIs401() throws Exception {
        assertEquals(401, get("/_gateway/metrics", "Authorization", "Bearer not.a.token").statusCode());
    }
}
