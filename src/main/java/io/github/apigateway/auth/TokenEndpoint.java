package io.github.apigateway.auth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak's token endpoint, asked without blocking a thread: oauth2-oidc-sdk builds the request (grant,
 * client authentication) and parses the answer, the JDK's HTTP client carries it. Every exchange has a
 * deadline for the whole answer, body included. One client serves all threads; it follows no redirects.
 */
final class TokenEndpoint {

    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final BrowserSettings settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TokenEndpoint(BrowserSettings settings) {
        this.settings = settings;
    }

    /**
     * @return the tokens issued, or completes with a {@link GatewayException}: 401 when Keycloak refused the
     *         grant, 503 when it could not be reached in time, 502 for an answer that could not be read
     */
    CompletableFuture<OIDCTokens> redeem(AuthorizationGrant grant) {
        HTTPRequest nimbus = tokenRequest(grant).toHTTPRequest();
        HttpRequest.Builder request = HttpRequest.newBuilder(nimbus.getURI()).timeout(DEADLINE)
                .POST(HttpRequest.BodyPublishers.ofString(nimbus.getBody()));
        nimbus.getHeaderMap().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new GatewayException(503, "service_unavailable", "The identity provider cannot be reached.");
                    }
                    return tokensOf(response);
                });
    }

    private TokenRequest tokenRequest(AuthorizationGrant grant) {
        ClientID client = new ClientID(settings.clientId());
        return settings.clientSecret() == null
                ? new TokenRequest(settings.tokenEndpoint(), client, grant)
                : new TokenRequest(settings.tokenEndpoint(), new ClientSecretBasic(client, new Secret(settings.clientSecret())), grant);
    }

    private static OIDCTokens tokensOf(HttpResponse<String> response) {
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(nimbusResponse(response));
        } catch (ParseException e) {
            throw new GatewayException(502, "bad_gateway", "The identity provider sent an answer that could not be read.");
        }
        if (!parsed.indicatesSuccess()) {
            throw new GatewayException(401, "login_failed", "The identity provider refused the login.");
        }
        return ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens();
    }

    private static HTTPResponse nimbusResponse(HttpResponse<String> response) throws ParseException {
        HTTPResponse nimbus = new HTTPResponse(response.statusCode());
        response.headers().map().forEach((name, values) -> nimbus.setHeader(name, values.toArray(String[]::new)));
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (contentType != null) {
            nimbus.setContentType(contentType);
        }
        nimbus.setBody(response.body());
        return nimbus;
    }
}
