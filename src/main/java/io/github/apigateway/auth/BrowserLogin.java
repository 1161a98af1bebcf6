package io.github.apigateway.auth;

import io.github.apigateway.config.BrowserSettings;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.github.apigateway.http.GatewayException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Keycloak single sign-on for browsers (OIDC authorization code flow with PKCE S256, RFC 7636), with
 * oauth2-oidc-sdk: an unauthenticated navigation is redirected to Keycloak; the callback checks
 * {@code state}, redeems the code with the PKCE verifier, validates the ID token and its {@code nonce},
 * and keeps the tokens in the browser's server-side {@link LoginStateStore}. Access tokens are refreshed
 * shortly before they expire; logout ends the Keycloak session too. Each step returns the
 * {@link BrowserRedirect} the web layer sends; nothing here touches a request or a response.
 * Holds no per-browser state itself, so one instance serves all threads.
 */
public final class BrowserLogin {

    public static final String CALLBACK_PATH = "/_gateway/callback";
    public static final String LOGOUT_PATH = "/_gateway/logout";

    private static final System.Logger LOG = System.getLogger(BrowserLogin.class.getName());
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    private static final int TIMEOUT_MS = 5_000;

    private final BrowserSettings settings;
    private final BearerTokenVerifier tokens;
    private final IdTokenVerifier idTokens;

    BrowserLogin(BrowserSettings settings, BearerTokenVerifier tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.idTokens = new IdTokenVerifier(settings.issuer(), settings.clientId(), tokens.keys());
    }

    /** The logged-in caller of this browser, refreshing its token when due; null when not logged in. */
    public Identity currentIdentity(LoginStateStore store) {
        if (!(store.load() instanceof BrowserSession login)) {
            return null;
        }
        if (login.expiresWithin(REFRESH_MARGIN, Instant.now())) {
            login = refresh(login);
            if (login == null) {
                store.clear();
                return null;
            }
            store.save(login);
        }
        try {
            return tokens.verify(login.accessToken());
        } catch (GatewayException e) {
            if (e.status() == 401) {
                store.clear();
                return null;
            }
            throw e;
        }
    }

    /** A page navigation gets the login; anything else (XHR, API calls) gets a 401 to handle itself. */
    public static boolean isNavigation(String method, String accept) {
        boolean safe = "GET".equals(method) || "HEAD".equals(method);
        return safe && accept != null && accept.contains("text/html");
    }

    /**
     * Starts a login: a fresh {@code state}, {@code nonce} and PKCE verifier kept for this browser, and the
     * redirect to Keycloak.
     *
     * @param root     the gateway's root as the browser addressed it: {@code {scheme}://{host}{context path}};
     *                 {@code auth.browser.public_url} takes its place when set
     * @param returnTo where the browser goes once logged in: the normalised path and query it asked for
     */
    public BrowserRedirect startLogin(LoginStateStore store, String root, String returnTo) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI callback = URI.create(publicRoot(root) + CALLBACK_PATH);
        store.save(new PendingLogin(state.getValue(), nonce.getValue(), verifier.getValue(), callback.toString(),
                returnTo));
        URI login = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(settings.clientId()), callback)
                .endpointURI(settings.authorizationEndpoint())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        return new BrowserRedirect(login.toString(), BrowserRedirect.SessionChange.KEEP);
    }

    /**
     * {@code GET /_gateway/callback}: Keycloak sends the browser back here with the code.
     *
     * @param state the callback's {@code state} parameter, null when absent
     * @param code  the callback's {@code code} parameter, null when absent
     */
    public BrowserRedirect completeLogin(LoginStateStore store, String root, String state, String code) {
        if (!(store.load() instanceof PendingLogin pending) || state == null || !state.equals(pending.state())) {
            throw GatewayException.badRequest("The login response does not belong to a login started by this browser.");
        }
        store.clear();
        if (code == null) {
            throw new GatewayException(401, "login_failed", "The identity provider did not complete the login.");
        }
        OIDCTokens issued = redeem(new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(pending.redirectUri()), new CodeVerifier(pending.codeVerifier())));
        idTokens.verify(issued.getIDToken(), pending.nonce());
        tokens.verify(issued.getAccessToken().getValue());
        store.save(sessionOf(issued, null));
        return new BrowserRedirect(ReturnPath.location(pending.returnTo(), publicRoot(root)),
                BrowserRedirect.SessionChange.NEW_ID);
    }

    /** {@code /_gateway/logout}: ends the gateway session and Keycloak's, then returns to the context root. */
    public BrowserRedirect logout(LoginStateStore store, String root) {
        String idToken = store.load() instanceof BrowserSession login ? login.idToken() : null;
        StringBuilder target = new StringBuilder(settings.endSessionEndpoint().toString())
                .append("?client_id=").append(encode(settings.clientId()))
                .append("&post_logout_redirect_uri=").append(encode(publicRoot(root) + "/"));
        if (idToken != null) {
            target.append("&id_token_hint=").append(encode(idToken));
        }
        return new BrowserRedirect(target.toString(), BrowserRedirect.SessionChange.END);
    }

    private BrowserSession refresh(BrowserSession login) {
        if (login.refreshToken() == null) {
            return null;
        }
        try {
            return sessionOf(redeem(new RefreshTokenGrant(new RefreshToken(login.refreshToken()))), login);
        } catch (GatewayException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Refreshing a browser login failed: " + e.getMessage());
            return null;
        }
    }

    private OIDCTokens redeem(AuthorizationGrant grant) {
        TokenRequest request = settings.clientSecret() == null
                ? new TokenRequest(settings.tokenEndpoint(), new ClientID(settings.clientId()), grant)
                : new TokenRequest(settings.tokenEndpoint(),
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())), grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new GatewayException(503, "service_unavailable", "The identity provider cannot be reached.");
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new GatewayException(502, "bad_gateway", "The identity provider sent an answer that could not be read.");
        }
        if (!response.indicatesSuccess()) {
            throw new GatewayException(401, "login_failed", "The identity provider refused the login.");
        }
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    private static BrowserSession sessionOf(OIDCTokens issued, BrowserSession previous) {
        long lifetime = issued.getAccessToken().getLifetime();
        RefreshToken refresh = issued.getRefreshToken();
        String idToken = issued.getIDTokenString() != null ? issued.getIDTokenString()
                : previous == null ? null : previous.idToken();
        return new BrowserSession(issued.getAccessToken().getValue(),
                refresh != null ? refresh.getValue() : previous == null ? null : previous.refreshToken(),
                idToken, Instant.now().plusSeconds(lifetime > 0 ? lifetime : 60));
    }

    /** Behind a load balancer the request does not tell how browsers address the gateway; the config does. */
    private String publicRoot(String requestRoot) {
        return settings.publicRoot() != null ? settings.publicRoot() : requestRoot;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
