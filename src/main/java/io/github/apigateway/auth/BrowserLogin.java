package io.github.apigateway.auth;

import io.github.apigateway.config.BrowserSettings;
import com.nimbusds.jose.JWSAlgorithm;
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
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Keycloak single sign-on for browsers (OIDC authorization code flow with PKCE S256, RFC 7636), with
 * oauth2-oidc-sdk: an unauthenticated navigation is redirected to Keycloak; the callback checks
 * {@code state}, redeems the code with the PKCE verifier, validates the ID token and its {@code nonce},
 * and keeps the tokens in the server-side session. Access tokens are refreshed shortly before they
 * expire; logout ends the Keycloak session too.
 */
public final class BrowserLogin {

    public static final String CALLBACK_PATH = "/_gateway/callback";
    public static final String LOGOUT_PATH = "/_gateway/logout";

    private static final System.Logger LOG = System.getLogger(BrowserLogin.class.getName());
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    private static final int TIMEOUT_MS = 5_000;

    private final BrowserSettings settings;
    private final BearerTokenVerifier tokens;
    private final IDTokenValidator idTokens;

    BrowserLogin(BrowserSettings settings, BearerTokenVerifier tokens) {
        this.settings = settings;
        this.tokens = tokens;
        try {
            this.idTokens = new IDTokenValidator(new Issuer(settings.issuer()), new ClientID(settings.clientId()),
                    JWSAlgorithm.RS256, settings.jwksUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URL " + settings.jwksUri(), e);
        }
    }

    /** The logged-in caller of this browser session, refreshing its token when due; null when not logged in. */
    public Identity currentIdentity(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(BrowserSession.ATTRIBUTE) instanceof BrowserSession login)) {
            return null;
        }
        if (login.expiresWithin(REFRESH_MARGIN, Instant.now())) {
            login = refresh(login);
            if (login == null) {
                session.removeAttribute(BrowserSession.ATTRIBUTE);
                return null;
            }
            session.setAttribute(BrowserSession.ATTRIBUTE, login);
        }
        try {
            return tokens.verify(login.accessToken());
        } catch (GatewayException e) {
            if (e.status() == 401) {
                session.removeAttribute(BrowserSession.ATTRIBUTE);
                return null;
            }
            throw e;
        }
    }

    /** A page navigation gets the login; anything else (XHR, API calls) gets a 401 to handle itself. */
    public static boolean isNavigation(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        return safe && accept != null && accept.contains("text/html");
    }

    public void redirectToLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String query = request.getQueryString();
        String returnTo = request.getRequestURI() + (query == null ? "" : "?" + query);
        request.getSession(true).setAttribute(PendingLogin.ATTRIBUTE,
                new PendingLogin(state.getValue(), nonce.getValue(), verifier.getValue(), returnTo));
        URI login = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(settings.clientId()), callbackUri(request))
                .endpointURI(settings.authorizationEndpoint())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(login.toString());
    }

    /** {@code GET /_gateway/callback}: Keycloak sends the browser back here with the code. */
    public void completeLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        PendingLogin pending = session == null ? null : (PendingLogin) session.getAttribute(PendingLogin.ATTRIBUTE);
        String state = request.getParameter("state");
        if (pending == null || state == null || !state.equals(pending.state())) {
            throw GatewayException.badRequest("The login response does not belong to a login started by this browser.");
        }
        session.removeAttribute(PendingLogin.ATTRIBUTE);
        String code = request.getParameter("code");
        if (code == null) {
            throw new GatewayException(401, "login_failed", "The identity provider did not complete the login.");
        }
        OIDCTokens issued = redeem(new AuthorizationCodeGrant(new AuthorizationCode(code), callbackUri(request),
                new CodeVerifier(pending.codeVerifier())));
        try {
            idTokens.validate(issued.getIDToken(), new Nonce(pending.nonce()));
        } catch (Exception e) {
            throw new GatewayException(401, "login_failed", "The identity provider's answer could not be verified.");
        }
        tokens.verify(issued.getAccessToken().getValue());
        // A new session id after login, so an id planted before it is worthless (session fixation).
        request.changeSessionId();
        session.setAttribute(BrowserSession.ATTRIBUTE, sessionOf(issued, null));
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(pending.returnTo());
    }

    /** {@code /_gateway/logout}: ends the gateway session and Keycloak's, then returns to the context root. */
    public void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String idToken = null;
        if (session != null) {
            if (session.getAttribute(BrowserSession.ATTRIBUTE) instanceof BrowserSession login) {
                idToken = login.idToken();
            }
            session.invalidate();
        }
        String returnTo = origin(request) + request.getContextPath() + "/";
        StringBuilder target = new StringBuilder(settings.endSessionEndpoint().toString())
                .append("?client_id=").append(encode(settings.clientId()))
                .append("&post_logout_redirect_uri=").append(encode(returnTo));
        if (idToken != null) {
            target.append("&id_token_hint=").append(encode(idToken));
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(target.toString());
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

    private static URI callbackUri(HttpServletRequest request) {
        return URI.create(origin(request) + request.getContextPath() + CALLBACK_PATH);
    }

    private static String origin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return request.getScheme() + "://" + (host != null ? host : request.getServerName() + ":" + request.getServerPort());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
