package io.github.apigateway.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.config.TokenSettings;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Access tokens of a realm "demo" signed here, and the settings and keys that accept them. */
final class TestTokens {

    static final String ISSUER = "http://127.0.0.1:8180/realms/demo";
    static final RSAKey KEY = generateRsa("rsa-1");

    private TestTokens() {
    }

    static TokenSettings settings() {
        return new TokenSettings(ISSUER, URI.create(ISSUER + "/protocol/openid-connect/certs"), "demo", "gateway",
                Set.of("gateway"), Duration.ofSeconds(30));
    }

    /** Keycloak calls of unit tests; its daemon I/O thread ends with the test JVM. */
    static final KeycloakHttp HTTP = KeycloakHttp.start();
    /** The test realm's token endpoint, where nothing answers. */
    static final TokenEndpoint UNREACHABLE_TOKEN_ENDPOINT =
            new TokenEndpoint(BrowserSettings.forRealm(settings(), "secret", null), HTTP);

    /** Sessions of tests that keep none of their own. */
    static final MemorySessionStore MEMORY_SESSIONS = new MemorySessionStore();
    /** Polls of sessions refreshed elsewhere; its daemon thread ends with the test JVM. */
    static final java.util.concurrent.ScheduledExecutorService TIMER = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-session-timer");
        thread.setDaemon(true);
        return thread;
    });

    static SessionRefresh refresh(SessionStore store) {
        return new SessionRefresh(store, UNREACHABLE_TOKEN_ENDPOINT, TIMER);
    }

    static RealmKeys keys() {
        return keysOf(new JWKSet(KEY.toPublicJWK()));
    }

    /** Keys that a fetch, finished at once, brings from {@code published} each time. */
    static RealmKeys keysOf(JWKSet published) {
        return new RealmKeys(() -> CompletableFuture.completedFuture(published), System::nanoTime);
    }

    /** A verifier with a cache of its own, so no test sees another's verified tokens. */
    static BearerTokenVerifier verifier() {
        return new BearerTokenVerifier(settings(), keys(), new VerifiedTokenCache(100, java.time.InstantSource.system()));
    }

    /** An access token for alice (roles user and reader) that expires in five minutes. */
    static String aliceToken() {
        return signed(claimsFor("alice").build());
    }

    static JWTClaimsSet.Builder claimsFor(String username) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(username + "-id")
                .audience(List.of("gateway", "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("azp", "cli")
                .claim("typ", "Bearer")
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of("user")))
                .claim("resource_access", Map.of("gateway", Map.of("roles", List.of("reader"))));
    }

    static String signed(JWTClaimsSet claims) {
        return signed(KEY, claims);
    }

    static String signed(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
