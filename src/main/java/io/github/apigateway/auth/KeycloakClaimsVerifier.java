package io.github.apigateway.auth;

import io.github.apigateway.config.TokenSettings;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

import java.util.Collections;
import java.util.Date;
import java.util.Set;

/**
 * The claims a Keycloak access token must have here: exactly the realm's {@code iss}; {@code exp} (required),
 * {@code nbf} and {@code iat} within the clock skew; one of the configured audiences in {@code aud} or
 * {@code azp}; and, when Keycloak says what the token is ({@code typ}), an access token rather than an
 * ID or refresh token.
 */
final class KeycloakClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final Set<String> audiences;
    private final long clockSkewMillis;

    KeycloakClaimsVerifier(TokenSettings settings) {
        super(null, new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "sub"), null);
        this.audiences = settings.audiences();
        this.clockSkewMillis = settings.clockSkew().toMillis();
        setMaxClockSkew((int) settings.clockSkew().toSeconds());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && issuedAt.getTime() > System.currentTimeMillis() + clockSkewMillis) {
            throw new BadJWTException("JWT issued in the future");
        }
        Object type = claims.getClaim("typ");
        if (type != null && !"Bearer".equals(type)) {
            throw new BadJWTException("not an access token");
        }
        if (!audiences.isEmpty() && !holdsAudience(claims)) {
            throw new BadJWTException("no accepted audience");
        }
    }

    private boolean holdsAudience(JWTClaimsSet claims) {
        java.util.List<String> aud = claims.getAudience() == null ? java.util.List.of() : claims.getAudience();
        return !Collections.disjoint(aud, audiences) || audiences.contains(claimString(claims, "azp"));
    }

    private static String claimString(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }
}
