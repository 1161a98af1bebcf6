package io.github.apigateway.auth;

import io.github.apigateway.config.TokenSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.github.apigateway.http.GatewayException;

import java.text.ParseException;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies Keycloak access tokens with nimbus-jose-jwt: the signature by a key of the realm's JWKS, with
 * an asymmetric algorithm that agrees with the key (so no {@code none} and no HMAC keyed with the public
 * key), then the claims ({@link KeycloakClaimsVerifier}). The keys come from memory ({@link RealmKeys});
 * a token naming a key not held yet is answered with {@link KeysPending}, and the caller waits for the
 * fetch without holding a thread. A token that passed is remembered
 * until its {@code exp} ({@link VerifiedTokenCache}), so its next request skips the signature check.
 * One verifier serves all threads: the nimbus processor is thread-safe once configured, the cache is
 * concurrent.
 */
final class BearerTokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final TokenSettings settings;
    private final RealmKeys keys;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final VerifiedTokenCache verified;

    BearerTokenVerifier(TokenSettings settings, RealmKeys keys, VerifiedTokenCache verified) {
        this.settings = settings;
        this.keys = keys;
        this.verified = verified;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new KeycloakClaimsVerifier(settings));
    }

    /** A verifier that fetches the realm's keys from its JWKS endpoint. */
    static BearerTokenVerifier forRealm(TokenSettings settings, KeycloakHttp http) {
        return new BearerTokenVerifier(settings, new RealmKeys(new JwksEndpoint(settings.jwksUri(), http), System::nanoTime),
                new VerifiedTokenCache(VerifiedTokenCache.MAXIMUM_SIZE, InstantSource.system()));
    }

    TokenSettings settings() {
        return settings;
    }

    /** The realm's keys, cached; ID tokens are checked with them too. */
    RealmKeys keys() {
        return keys;
    }

    /**
     * @throws GatewayException 401 for a token that is not valid, 503 when no key can be had to check it
     * @throws KeysPending      when the token's key is being fetched: ask again once it is
     */
    Identity verify(String token) {
        return verified.verify(token, this::check);
    }

    private VerifiedToken check(String token) {
        String keyId = keyId(token);
        CompletableFuture<Void> fetch = keys.fetchFor(keyId);
        if (fetch != null && !fetch.isDone()) {
            throw new KeysPending(fetch);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw Challenges.invalidToken(settings.realm(), "The access token expired");
        } catch (KeySourceException e) {
            throw new GatewayException(503, "service_unavailable",
                    "The identity provider cannot be reached to check the access token.");
        } catch (BadJWTException e) {
            throw Challenges.invalidToken(settings.realm(), "The access token is not valid for this gateway");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            if (keyId != null && !keys.holds(keyId)) {
                throw Challenges.invalidToken(settings.realm(), "The access token is signed by an unknown key");
            }
            throw Challenges.invalidToken(settings.realm(), "The access token is malformed or its signature is not valid");
        }
        // exp is a required claim (KeycloakClaimsVerifier), so every token that passed has one.
        return new VerifiedToken(identity(claims), claims.getExpirationTime().toInstant());
    }

    /** The key the token names, read from its header; null when it names none or is not a JWS at all. */
    private static String keyId(String token) {
        try {
            return JWSObject.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            return null;
        }
    }

    private Identity identity(JWTClaimsSet claims) {
        Set<String> roles = new HashSet<>(roles(claims.getClaim("realm_access")));
        if (claims.getClaim("resource_access") instanceof Map<?, ?> clients) {
            roles.addAll(roles(clients.get(settings.clientId())));
        }
        return new Identity(claims.getSubject(), stringClaim(claims, "preferred_username"), roles,
                stringClaim(claims, "azp"), stringClaim(claims, "tier"), Identity.Credential.BEARER_TOKEN);
    }

    /** Keycloak's {@code {"roles": [...]}} shape, for the realm and for each client. */
    private static List<String> roles(Object access) {
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }
}
