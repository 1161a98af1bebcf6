package io.github.apigateway.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ID token of a login is accepted with whichever asymmetric algorithm the realm's key signs it, and only then. */
class IdTokenVerifierTest {

    private static final String NONCE = "the-nonce";
    private static final ECKey EC_KEY = generateEc();
    private static final OctetSequenceKey SHARED_SECRET = generateSecret();

    private final IdTokenVerifier verifier = new IdTokenVerifier(TestTokens.ISSUER, "gateway", new ImmutableJWKSet<>(
            new JWKSet(List.<JWK>of(TestTokens.KEY.toPublicJWK(), EC_KEY.toPublicJWK(), SHARED_SECRET))));

    @Test
    void anIdTokenSignedWithRs256IsAccepted() throws Exception {
        assertDoesNotThrow(() -> verifier.verify(idToken(JWSAlgorithm.RS256, TestTokens.KEY, new RSASSASigner(TestTokens.KEY), NONCE), NONCE));
    }

    @Test
    void anIdTokenSignedWithPs256IsAccepted() throws Exception {
        assertDoesNotThrow(() -> verifier.verify(idToken(JWSAlgorithm.PS256, TestTokens.KEY, new RSASSASigner(TestTokens.KEY), NONCE), NONCE));
    }

    @Test
    void anIdTokenSignedWithEs256IsAccepted() throws Exception {
        assertDoesNotThrow(() -> verifier.verify(idToken(JWSAlgorithm.ES256, EC_KEY, new ECDSASigner(EC_KEY), NONCE), NONCE));
    }

    @Test
    void anIdTokenWithAnHmacIsRefusedEvenWhenTheKeySetHoldsItsKey() throws Exception {
        SignedJWT token = idToken(JWSAlgorithm.HS256, SHARED_SECRET, new MACSigner(SHARED_SECRET), NONCE);
        GatewayException e = assertThrows(GatewayException.class, () -> verifier.verify(token, NONCE));
        assertEquals(401, e.status());
    }

    @Test
    void anIdTokenForAnotherLoginIsRefused() throws Exception {
        SignedJWT token = idToken(JWSAlgorithm.RS256, TestTokens.KEY, new RSASSASigner(TestTokens.KEY), "another-nonce");
        GatewayException e = assertThrows(GatewayException.class, () -> verifier.verify(token, NONCE));
        assertEquals("login_failed", e.error());
    }

    private static SignedJWT idToken(JWSAlgorithm algorithm, JWK key, JWSSigner signer, String nonce) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).subject("alice-id").audience("gateway")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                        .claim("nonce", nonce).build());
        jwt.sign(signer);
        return jwt;
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OctetSequenceKey generateSecret() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID("hmac-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
