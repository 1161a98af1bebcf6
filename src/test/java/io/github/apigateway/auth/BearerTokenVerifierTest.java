package io.github.apigateway.auth;

import io.github.apigateway.config.TokenSettings;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule a bearer token must pass, with tokens signed here. */
class BearerTokenVerifierTest {

    private static final String ISSUER = "http://127.0.0.1:8180/realms/demo";
    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final ECKey EC = generateEc("ec-1");
    private static final RSAKey STRANGER = generateRsa("rsa-1");

    private final TokenSettings settings = new TokenSettings(ISSUER, URI.create(ISSUER + "/protocol/openid-connect/certs"),
            "demo", "gateway", Set.of("gateway"), Duration.ofSeconds(30));
    private final BearerTokenVerifier verifier = new BearerTokenVerifier(settings,
            TestTokens.keysOf(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()))), newCache());

    /** The realm's published keys, which a test may change, and a verifier that reads them. */
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(RSA.toPublicJWK()));
    private final BearerTokenVerifier rotating = new BearerTokenVerifier(settings,
            new RealmKeys(() -> CompletableFuture.completedFuture(published.get()), System::nanoTime), newCache());

    private static VerifiedTokenCache newCache() {
        return new VerifiedTokenCache(100, InstantSource.system());
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-1")
                .audience(List.of("gateway", "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("azp", "cli")
                .claim("typ", "Bearer")
                .claim("preferred_username", "alice")
                .claim("tier", "premium")
                .claim("realm_access", Map.of("roles", List.of("user", "offline_access")))
                .claim("resource_access", Map.of("gateway", Map.of("roles", List.of("reader")),
                        "account", Map.of("roles", List.of("manage-account"))));
    }

    private static String rsaSigned(JWTClaimsSet claims) {
        return sign(rsaSigner(RSA), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(JOSEObjectType.JWT).build(), claims);
    }

    private static String sign(com.nimbusds.jose.JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String with(UnaryOperator<JWTClaimsSet.Builder> change) {
        return rsaSigned(change.apply(validClaims()).build());
    }

    private GatewayException rejected(String token) {
        GatewayException e = assertThrows(GatewayException.class, () -> verifier.verify(token));
        assertEquals(401, e.status());
        assertTrue(e.headers().get("WWW-Authenticate").startsWith("Bearer realm=\"demo\", error=\"invalid_token\""),
                e.headers().toString());
        return e;
    }

    @Test
    void aValidTokenYieldsTheCallerWithRealmAndOwnClientRoles() {
        Identity identity = verifier.verify(rsaSigned(validClaims().build()));
        assertEquals("user-1", identity.subject());
        assertEquals("alice", identity.username());
        assertEquals("cli", identity.clientId());
        assertEquals("premium", identity.tier());
        assertEquals(Set.of("user", "offline_access", "reader"), identity.roles());
    }

    @Test
    void anEcSignedTokenIsAccepted() {
        String token = sign(signerFor(EC), new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), validClaims().build());
        assertEquals("user-1", verifier.verify(token).subject());
    }

    @Test
    void anExpiredTokenIsRejected() {
        GatewayException e = rejected(with(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60)))));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsAccepted() {
        Identity identity = verifier.verify(with(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(10)))));
        assertEquals("user-1", identity.subject());
    }

    @Test
    void aTokenNotYetValidIsRejected() {
        rejected(with(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))));
    }

    @Test
    void aTokenIssuedInTheFutureIsRejected() {
        rejected(with(c -> c.issueTime(Date.from(Instant.now().plusSeconds(120)))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        rejected(with(c -> c.issuer("http://127.0.0.1:8180/realms/other")));
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        rejected(with(c -> c.audience("account").claim("azp", "other-app")));
    }

    @Test
    void anAuthorizedPartyInTheAudiencesIsEnough() {
        Identity identity = verifier.verify(with(c -> c.audience("account").claim("azp", "gateway")));
        assertEquals("gateway", identity.clientId());
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        rejected(with(c -> c.claim("typ", "ID")));
    }

    @Test
    void aTokenWithoutExpiryIsRejected() {
        rejected(with(c -> c.expirationTime(null)));
    }

    @Test
    void anUnsignedTokenIsRejected() {
        rejected(new PlainJWT(validClaims().build()).serialize());
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRejected() throws Exception {
        byte[] publicKeyAsSecret = RSA.toPublicJWK().toRSAPublicKey().getEncoded();
        String token = sign(new MACSigner(publicKeyAsSecret), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                validClaims().build());
        rejected(token);
    }

    @Test
    void aTamperedPayloadIsRejected() {
        String[] parts = rsaSigned(validClaims().build()).split("\\.");
        String forged = Base64URL.encode(validClaims().subject("admin").build().toString()).toString();
        rejected(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void aTokenFromAnUnknownSignerIsRejected() {
        rejected(sign(rsaSigner(STRANGER), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                validClaims().build()));
    }

    @Test
    void anRsaKeyCannotVerifyATokenThatClaimsAnEcAlgorithm() {
        String token = sign(signerFor(EC), new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build(), validClaims().build());
        rejected(token);
    }

    @Test
    void garbageIsRejected() {
        rejected("not-a-jwt");
        rejected("a.b.c");
        rejected("");
    }

    @Test
    void noAudienceCheckWhenNoneIsConfigured() {
        BearerTokenVerifier lenient = new BearerTokenVerifier(new TokenSettings(ISSUER, settings.jwksUri(), "demo", "gateway",
                Set.of(), Duration.ofSeconds(30)), TestTokens.keysOf(new JWKSet(RSA.toPublicJWK())), newCache());
        Identity identity = lenient.verify(with(c -> c.audience("account").claim("azp", "x")));
        assertEquals("x", identity.clientId());
    }

    @Test
    void aTokenSignedByAKeyNoLongerInTheJwksIsRejected() {
        published.set(new JWKSet());
        GatewayException e = assertThrows(GatewayException.class, () -> rotating.verify(rsaSigned(validClaims().build())));
        assertEquals(401, e.status());
    }

    /** The price of the verified token cache: the key's removal does not reach a token verified before it. */
    @Test
    void aTokenVerifiedBeforeItsSigningKeyLeftTheJwksStaysAcceptedUntilItsExp() {
        String token = rsaSigned(validClaims().build());
        rotating.verify(token);
        published.set(new JWKSet());
        assertEquals("user-1", rotating.verify(token).subject());
    }

    @Test
    void aTokenWhoseKeyIsBeingFetchedWaitsForTheFetchThenPasses() {
        CompletableFuture<JWKSet> fetch = new CompletableFuture<>();
        BearerTokenVerifier waiting = new BearerTokenVerifier(settings, new RealmKeys(() -> fetch, System::nanoTime), newCache());
        String token = rsaSigned(validClaims().build());
        KeysPending pending = assertThrows(KeysPending.class, () -> waiting.verify(token));
        fetch.complete(new JWKSet(RSA.toPublicJWK()));
        assertTrue(pending.fetch().isDone());
        assertEquals("user-1", waiting.verify(token).subject());
    }

    @Test
    void withoutAnyKeysFetchedTheAnswerIs503() {
        CompletableFuture<JWKSet> fetch = new CompletableFuture<>();
        BearerTokenVerifier waiting = new BearerTokenVerifier(settings, new RealmKeys(() -> fetch, System::nanoTime), newCache());
        String token = rsaSigned(validClaims().build());
        assertThrows(KeysPending.class, () -> waiting.verify(token));
        fetch.completeExceptionally(new java.io.IOException("Keycloak is down"));
        assertEquals(503, assertThrows(GatewayException.class, () -> waiting.verify(token)).status());
    }

    private static RSASSASigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECDSASigner signerFor(ECKey key) {
        try {
            return new ECDSASigner(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
