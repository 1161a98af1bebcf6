package io.github.apigateway.auth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.core5.http.ContentType;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Keycloak's token endpoint, asked without blocking a thread: oauth2-oidc-sdk builds the request (grant,
 * client authentication) and parses the answer, {@link KeycloakHttp} carries it within a deadline.
 */
final class TokenEndpoint {

    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final BrowserSettings settings;
    private final KeycloakHttp http;

    TokenEndpoint(BrowserSettings settings, KeycloakHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * @return the tokens issued, or completes with a {@link GatewayException}: 401 when Keycloak refused the
     *         grant, 503 when it could not be reached in time, 502 for an answer that could not be read
     */
    CompletableFuture<OIDCTokens> redeem(AuthorizationGrant grant) {
        HTTPRequest nimbus = tokenRequest(grant).toHTTPRequest();
        SimpleHttpRequest request = SimpleHttpRequest.create("POST", nimbus.getURI());
        nimbus.getHeaderMap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> request.addHeader(name, value));
            }
        });
        request.setBody(nimbus.getBody(), ContentType.parse(nimbus.getEntityContentType().toString()));
        return http.exchange(request, DEADLINE).handle((answer, failure) -> {
            if (failure != null) {
                throw new GatewayException(503, "service_unavailable", "The identity provider cannot be reached.");
            }
            return tokensOf(answer);
        });
    }

    private TokenRequest tokenRequest(AuthorizationGrant grant) {
        ClientID client = new ClientID(settings.clientId());
        return settings.clientSecret() == null
                ? new TokenRequest(settings.tokenEndpoint(), client, grant)
                : new TokenRequest(settings.tokenEndpoint(), new ClientSecretBasic(client, new Secret(settings.clientSecret())), grant);
    }

    private static OIDCTokens tokensOf(KeycloakHttp.Answer answer) {
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(nimbusResponse(answer));
        } catch (ParseException e) {
            throw new GatewayException(502, "bad_gateway", "The identity provider sent an answer that could not be read.");
        }
        if (!parsed.indicatesSuccess()) {
            throw new GatewayException(401, "login_failed", "The identity provider refused the login.");
        }
        return ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens();
    }

    private static HTTPResponse nimbusResponse(KeycloakHttp.Answer answer) throws ParseException {
        HTTPResponse nimbus = new HTTPResponse(answer.status());
        if (answer.contentType() != null) {
            nimbus.setContentType(answer.contentType());
        }
        nimbus.setBody(answer.body());
        return nimbus;
    }
}
