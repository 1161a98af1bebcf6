package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract's example limits end to end on one node: 60/min with a burst of 10 per client address,
 * and 500/min with a burst of 50 per user for premium users, whose tier comes from their Keycloak
 * token, never from the client.
 */
class RateLimitIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [
                   {"id": "users", "path": "/users/*", "service": "upstream", "rate_limits": ["premium_user_limit", "default_api_limit"]},
                   {"id": "public", "path": "/public/*", "service": "upstream", "auth": "none"},
                   {"id": "open", "path": "/unlimited/*", "service": "upstream", "auth": "none", "rate_limits": []},
                   {"id": "spoof", "path": "/spoof/*", "service": "upstream", "auth": "none", "rate_limits": ["spoof_limit"]}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway"},
                          "jwt": {"audiences": ["gateway"]}},
                 "rate_limits": [
                   {"id": "default_api_limit", "source": "ip_address", "requests_per_minute": 60, "burst": 10},
                   {"id": "premium_user_limit", "source": "user", "when": {"header": "X-User-Tier", "equals": "premium"},
                    "requests_per_minute": 500, "burst": 50},
                   {"id": "public_limit", "source": "ip_address", "requests_per_minute": 60, "burst": 3},
                   {"id": "spoof_limit", "source": "ip_address", "requests_per_minute": 60, "burst": 3}],
                 "default_rate_limits": ["public_limit"],
                 "rate_limit_timeout_ms": 1000}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url()));
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void aPremiumUserGetsThePremiumBurstAndABasicUserTheAddressLimit() throws Exception {
        String alice = "Bearer " + KEYCLOAK.passwordToken("alice");
        HttpResponse<String> premium = get("/users/me", "Authorization", alice);
        assertEquals(200, premium.statusCode());
        assertEquals("50", premium.headers().firstValue("RateLimit-Limit").orElseThrow());
        assertEquals("49", premium.headers().firstValue("RateLimit-Remaining").orElseThrow());

        String bob = "Bearer " + KEYCLOAK.passwordToken("bob");
        HttpResponse<String> basic = get("/users/me", "Authorization", bob, "X-User-Tier", "premium");
        assertEquals("10", basic.headers().firstValue("RateLimit-Limit").orElseThrow(),
                "a client's own X-User-Tier does not make it premium");
    }

    @Test
    void theAddressLimitRefusesTheEleventhRequestWithRetryAfter() throws Exception {
        String bob = "Bearer " + KEYCLOAK.passwordToken("carol");
        int allowed = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> response = get("/users/x", "Authorization", bob);
            if (response.statusCode() == 200) {
                allowed++;
            } else {
                refused = response;
            }
        }
        assertTrue(allowed <= 10, allowed + " allowed");
        assertEquals(429, refused.statusCode());
        assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals("0", refused.headers().firstValue("RateLimit-Remaining").orElseThrow());
        assertTrue(refused.body().contains("\"status\":429"), refused.body());
    }

    @Test
    void routesWithoutRateLimitsUseTheDefaults() throws Exception {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(get("/public/x").statusCode());
        }
        assertEquals(List.of(200, 200, 200, 429, 429), statuses);
    }

    @Test
    void anEmptyListMeansNoLimit() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = get("/unlimited/x");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("RateLimit-Limit").isEmpty());
        }
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerChangesNothing() throws Exception {
        int allowed = 0;
        for (int i = 0; i < 6; i++) {
            allowed += get("/spoof/x", "X-Forwarded-For", "203.0.113." + i).statusCode() == 200 ? 1 : 0;
        }
        assertTrue(allowed <= 3, "spoofed addresses did not get buckets of their own: " + allowed);
    }
}
