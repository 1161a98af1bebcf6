package io.github.apigateway.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's keys come from the realm's JWKS through a relay the tests take down and bring back: an
 * outage with no keys yet is 503 and heals by itself, cached keys outlive an outage, a rotated key works
 * on its first request, and tokens naming unknown keys cost only a few JWKS fetches. The tests build on
 * each other's state, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakOutageIT extends DeployedGatewayTest {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    private static final KeycloakRelay RELAY = KeycloakRelay.start(KEYCLOAK);

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    private static final String TOKEN = KeycloakServer.token(RELAY.url(),
            "grant_type=password&client_id=cli&username=alice&password=alice-password");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "api", "path": "/api/*", "service": "upstream", "auth": "bearer"}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway"}}}
                """.formatted(UPSTREAM.url(), RELAY.url()));
    }

    @AfterAll
    static void stopRelay() {
        RELAY.close();
    }

    private int status(String token) throws Exception {
        return get("/api/x", "Authorization", "Bearer " + token).statusCode();
    }

    @Test
    @Order(1)
    void withKeycloakDownAndNoKeysYetTheAnswerIs503() throws Exception {
        RELAY.down();
        assertEquals(503, status(TOKEN));
    }

    @Test
    @Order(2)
    void itRecoversOnItsOwnWhenKeycloakIsBack() throws Exception {
        RELAY.up();
        assertEquals(200, awaitStatus(200, TOKEN));
    }

    @Test
    @Order(3)
    void cachedKeysKeepValidatingWhileKeycloakIsDown() throws Exception {
        assertEquals(200, status(TOKEN));
        RELAY.down();
        try {
            assertEquals(200, status(TOKEN));
        } finally {
            RELAY.up();
        }
    }

    @Test
    @Order(4)
    void aFloodOfTokensWithUnknownKeysCostsOnlyAFewJwksFetches() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).generate();
        int before = RELAY.jwksRequests();
        for (int i = 0; i < 40; i++) {
            assertEquals(401, status(signed(stranger, UUID.randomUUID().toString())));
        }
        int fetches = RELAY.jwksRequests() - before;
        assertTrue(fetches <= 3, fetches + " JWKS fetches for 40 unknown keys");
    }

    @Test
    @Order(5)
    void aTokenSignedByARotatedKeyWorksOnItsFirstRequest() throws Exception {
        String oldKid = kid(TOKEN);
        KeycloakAdmin.addRsaKey(KEYCLOAK, "rotated-" + UUID.randomUUID(), 500);
        String rotated = KeycloakServer.token(RELAY.url(), "grant_type=password&client_id=cli&username=alice&password=alice-password");
        assertNotEquals(oldKid, kid(rotated), "Keycloak signs with the new key");
        // The JWKS refetch is rate limited; a rotation is a rare event, later than the last fetch.
        Thread.sleep(6_000);
        assertEquals(200, status(rotated));
        assertEquals(200, status(TOKEN), "tokens signed by the previous key stay valid");
    }

    private String signed(RSAKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().issuer(RELAY.url() + "/realms/demo").subject("x")
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private int awaitStatus(int wanted, String token) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int last = status(token);
        while (last != wanted && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = status(token);
        }
        return last;
    }
}
