package io.github.apigateway.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.github.apigateway.http.GatewayException;

/**
 * Checks the ID token a login ends with (OpenID Connect Core section 3.1.3.7): issuer, audience, expiry,
 * {@code nonce}, and a signature by a key of the realm's JWKS with any of the asymmetric algorithms access
 * tokens may use ({@link BearerTokenVerifier#ALGORITHMS}), so a realm signing with PS256 or ES256 works and
 * {@code none} or HMAC never does. Shares the access tokens' cached key source. Thread-safe: the nimbus
 * validator is, once built.
 */
final class IdTokenVerifier {

    private final IDTokenValidator validator;

    IdTokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys) {
        this.validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId),
                new JWSVerificationKeySelector<>(BearerTokenVerifier.ALGORITHMS, keys), null);
    }

    /** @throws GatewayException 401 when the ID token does not prove this login */
    void verify(JWT idToken, String nonce) {
        try {
            validator.validate(idToken, new Nonce(nonce));
        } catch (Exception e) {
            throw new GatewayException(401, "login_failed", "The identity provider's answer could not be verified.");
        }
    }
}
