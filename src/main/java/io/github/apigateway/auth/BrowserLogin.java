package io.github.apigateway.auth;

import io.github.apigateway.config.BrowserSettings;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.github.apigateway.http.GatewayException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Keycloak single sign-on for browsers (OIDC authorization code flow with PKCE S256, RFC 7636), with
 * oauth2-oidc-sdk: an unauthenticated navigation is redirected to Keycloak; the callback checks
 * {@code state}, redeems the code with the PKCE verifier, validates the ID token and its {@code nonce},
 * and keeps the tokens in the browser's server-side {@link LoginStateStore}. Access tokens are refreshed
 * shortly before they expire, without blocking a thread and once for all of a browser's parallel requests
 * ({@link RefreshFlights}); logout ends the Keycloak session too. Each step returns the
 * {@link BrowserRedirect} the web layer sends; nothing here touches a request or a response.
 * Per-browser state lives in the stores; the refreshes under way are in a concurrent map, so one
 * instance serves all threads.
 */
public final class BrowserLogin {

    public static final String CALLBACK_PATH = "/_gateway/callback";
    public static final String LOGOUT_PATH = "/_gateway/logout";

    private static final System.Logger LOG = System.getLogger(BrowserLogin.class.getName());
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private final BrowserSettings settings;
    private final BearerTokenVerifier tokens;
    private final IdTokenVerifier idTokens;
    private final TokenEndpoint tokenEndpoint;
    private final RefreshFlights flights = new RefreshFlights(System::nanoTime);

    BrowserLogin(BrowserSettings settings, BearerTokenVerifier tokens, TokenEndpoint tokenEndpoint) {
        this.settings = settings;
        this.tokens = tokens;
        this.idTokens = new IdTokenVerifier(settings.issuer(), settings.clientId(), tokens.keys());
        this.tokenEndpoint = tokenEndpoint;
    }

    /**
     * The refresh this browser's login needs before its caller is known: its access token is due to expire.
     * Parallel requests of the browser get the same refresh; none is started twice.
     *
     * @return null when the browser has no login or its access token is not due yet
     */
    public TokenRefresh refreshDue(LoginStateStore store) {
        if (!(store.load() instanceof BrowserSession login) || !login.expiresWithin(REFRESH_MARGIN, Instant.now())) {
            return null;
        }
        if (login.refreshToken() == null) {
            return new TokenRefresh(null, CompletableFuture.completedFuture(null));
        }
        return new TokenRefresh(login.refreshToken(), flights.join(login.refreshToken(), token -> refresh(login)));
    }

    /**
     * Keeps the refreshed login, or forgets one whose refresh failed (the browser logs in again); a login
     * that changed meanwhile (kept by another request of the browser, or logged out) is left as it is.
     *
     * @param refresh a refresh that {@link TokenRefresh#isDone() is done}
     */
    public void adopt(LoginStateStore store, TokenRefresh refresh) {
        if (!(store.load() instanceof BrowserSession current)
                || !Objects.equals(current.refreshToken(), refresh.refreshToken())) {
            return;
        }
        BrowserSession refreshed = refresh.refreshed();
        if (refreshed == null) {
            store.clear();
        } else {
            store.save(refreshed);
        }
    }

    /**
     * The logged-in caller of this browser, from its access token as it is (a refresh due is
     * {@link #refreshDue}'s); null when not logged in, and a login whose token is not valid is forgotten.
     */
    public Identity currentIdentity(LoginStateStore store) {
        if (!(store.load() instanceof BrowserSession login)) {
            return null;
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
     * {@code GET /_gateway/callback}, first half: Keycloak sends the browser back here with the code, which
     * is redeemed at Keycloak without a thread waiting for it. The pending login is used up at once, so a
     * replayed callback finds none.
     *
     * @param state the callback's {@code state} parameter, null when absent
     * @param code  the callback's {@code code} parameter, null when absent
     * @return completes with the verified tokens, or with a {@link GatewayException}
     * @throws GatewayException when the callback does not belong to a login this browser started
     */
    public CompletableFuture<IssuedLogin> redeemLogin(LoginStateStore store, String state, String code) {
        if (!(store.load() instanceof PendingLogin pending) || state == null || !state.equals(pending.state())) {
            throw GatewayException.badRequest("The login response does not belong to a login started by this browser.");
        }
        store.clear();
        if (code == null) {
            throw new GatewayException(401, "login_failed", "The identity provider did not complete the login.");
        }
        return tokenEndpoint.redeem(new AuthorizationCodeGrant(new AuthorizationCode(code),
                        URI.create(pending.redirectUri()), new CodeVerifier(pending.codeVerifier())))
                .thenCompose(issued -> verified(new IssuedLogin(issued, pending), true));
    }

    /** Second half: the browser's session holds the login, and the browser returns to where it was going. */
    public BrowserRedirect finishLogin(LoginStateStore store, String root, IssuedLogin login) {
        store.save(sessionOf(login.tokens(), null));
        return new BrowserRedirect(ReturnPath.location(login.pending().returnTo(), publicRoot(root)),
                BrowserRedirect.SessionChange.NEW_ID);
    }

    /**
     * The issued tokens once both check out. The access token goes first: it is the one that waits for the
     * realm's keys when it names a key not held yet (once), and the ID token is signed by the same key.
     */
    private CompletableFuture<IssuedLogin> verified(IssuedLogin login, boolean mayWaitForKeys) {
        try {
            tokens.verify(login.tokens().getAccessToken().getValue());
            idTokens.verify(login.tokens().getIDToken(), login.pending().nonce());
            return CompletableFuture.completedFuture(login);
        } catch (KeysPending pending) {
            if (!mayWaitForKeys) {
                throw new GatewayException(503, "service_unavailable", "The identity provider's keys cannot be had.");
            }
            return pending.fetch().thenCompose(fetched -> verified(login, false));
        }
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

    /** Completes with the refreshed login, or null when Keycloak refused or did not answer in time. */
    private CompletableFuture<BrowserSession> refresh(BrowserSession login) {
        return tokenEndpoint.redeem(new RefreshTokenGrant(new RefreshToken(login.refreshToken())))
                .handle((issued, failure) -> {
                    if (failure != null) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "Refreshing a browser login failed: " + failure.getMessage());
                        return null;
                    }
                    return sessionOf(issued, login);
                });
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
