package io.github.apigateway.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Keycloak single sign-on for browsers (OIDC authorization code flow with PKCE S256, RFC 7636), with
 * oauth2-oidc-sdk: an unauthenticated navigation is redirected to Keycloak; the callback checks
 * {@code state}, redeems the code with the PKCE verifier, validates the ID token and its {@code nonce},
 * and keeps the tokens in a new session of the cluster's {@link SessionStore}, named by the browser's
 * session cookie. Access tokens are refreshed shortly before they expire, once for the cluster
 * ({@link SessionRefresh}) and once for a node's parallel requests ({@link RefreshFlights}); logout ends
 * the session on every node and Keycloak's too. Nothing here waits: each step answers with a future, and
 * touches no request or response; the web layer reads and writes the cookie. Thread-safe: per-browser
 * state lives in the store, the refreshes under way in a concurrent map.
 */
public final class BrowserLogin {

    public static final String CALLBACK_PATH = "/_gateway/callback";
    public static final String LOGOUT_PATH = "/_gateway/logout";

    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private final BrowserSettings settings;
    private final BearerTokenVerifier tokens;
    private final IdTokenVerifier idTokens;
    private final TokenEndpoint tokenEndpoint;
    private final SessionStore store;
    private final SessionRefresh refresh;
    private final RefreshFlights flights = new RefreshFlights(System::nanoTime);

    BrowserLogin(BrowserSettings settings, BearerTokenVerifier tokens, TokenEndpoint tokenEndpoint, SessionStore store,
                 SessionRefresh refresh) {
        this.settings = settings;
        this.tokens = tokens;
        this.idTokens = new IdTokenVerifier(settings.issuer(), settings.clientId(), tokens.keys());
        this.tokenEndpoint = tokenEndpoint;
        this.store = store;
        this.refresh = refresh;
    }

    /**
     * The browser's login state, its access token refreshed first when it is due to expire.
     *
     * @param sessionId the browser's session cookie, a {@link SessionIds#isWellFormed well-formed} id
     * @return completes with the state, null when the session ended or does not exist; fails with a
     *         {@link GatewayException} 503 when the session store does not answer in time
     */
    public CompletableFuture<LoginState> session(String sessionId) {
        return store.load(sessionId).thenCompose(stored -> {
            BrowserSession login = stored == null ? null : stored.login();
            if (login == null || !login.expiresWithin(REFRESH_MARGIN, Instant.now())) {
                return CompletableFuture.completedFuture(stored == null ? null : stored.state());
            }
            if (login.refreshToken() == null) {
                store.forget(sessionId);
                return CompletableFuture.completedFuture(null);
            }
            // A flight's outcome is shared for a while, so a failure to reach the cluster is not: the
            // requests go on with the login they have, and ask again once its access token has expired.
            return flights.join(login.refreshToken(), token -> refresh.refresh(sessionId, login).exceptionally(failure -> login))
                    .thenCompose(current -> stillUsable(sessionId, login, current));
        });
    }

    /**
     * A node's flight may have gone on with the access token it had while another node refreshes; once that
     * token has expired, this request asks the cluster again instead of taking the flight's answer.
     */
    private CompletableFuture<LoginState> stillUsable(String sessionId, BrowserSession login, BrowserSession current) {
        if (login.equals(current) && current.expiresWithin(Duration.ZERO, Instant.now())) {
            return refresh.refresh(sessionId, login).thenApply(LoginState.class::cast);
        }
        return CompletableFuture.completedFuture(current);
    }

    /**
     * The logged-in caller of this browser, from its access token; null when not logged in or when the
     * token is not valid (the browser logs in again).
     *
     * @param state the browser's {@link #session}, null without one
     */
    public Identity currentIdentity(LoginState state) {
        if (!(state instanceof BrowserSession login)) {
            return null;
        }
        try {
            return tokens.verify(login.accessToken());
        } catch (GatewayException e) {
            if (e.status() == 401) {
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
     * Starts a login in a new session: a fresh {@code state}, {@code nonce} and PKCE verifier kept in the
     * cluster, and the redirect to Keycloak once they are kept. The browser's previous session, which has no
     * usable login, ends.
     *
     * @param previousSessionId the browser's session id, null without one
     * @param root              the gateway's root as the browser addressed it: {@code {scheme}://{host}{context path}};
     *                          {@code auth.browser.public_url} takes its place when set
     * @param returnTo          where the browser goes once logged in: the normalised path and query it asked for
     */
    public CompletableFuture<BrowserRedirect> startLogin(String previousSessionId, String root, String returnTo) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI callback = URI.create(publicRoot(root) + CALLBACK_PATH);
        URI login = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(settings.clientId()), callback)
                .endpointURI(settings.authorizationEndpoint())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        if (previousSessionId != null) {
            store.forget(previousSessionId);
        }
        String sessionId = SessionIds.next();
        PendingLogin pending = new PendingLogin(state.getValue(), nonce.getValue(), verifier.getValue(), callback.toString(), returnTo);
        return store.create(sessionId, StoredSession.startedAt(pending, System.currentTimeMillis()))
                .thenApply(kept -> BrowserRedirect.toNewSession(login.toString(), sessionId));
    }

    /**
     * {@code GET /_gateway/callback}: Keycloak sends the browser back here with the code, which is redeemed
     * at Keycloak; the login's session is used up at once, so a replayed callback finds none, and the login
     * goes on in a new session, whatever node it started on.
     *
     * @param sessionId the browser's session cookie, null without one
     * @param state     the callback's {@code state} parameter, null when absent
     * @param code      the callback's {@code code} parameter, null when absent
     * @return completes with the redirect to where the browser was going, or fails with a {@link GatewayException}:
     *         400 when the callback does not belong to a login this browser started, 401 when the login failed
     */
    public CompletableFuture<BrowserRedirect> completeLogin(String sessionId, String state, String code, String root) {
        if (sessionId == null || state == null) {
            return CompletableFuture.failedFuture(notThisBrowsersLogin());
        }
        return store.load(sessionId)
                .thenCompose(stored -> {
                    if (!isPendingWith(stored, state)) {
                        throw notThisBrowsersLogin();
                    }
                    return store.take(sessionId);
                })
                .thenCompose(taken -> {
                    if (!isPendingWith(taken, state)) {
                        throw notThisBrowsersLogin();
                    }
                    if (code == null) {
                        throw new GatewayException(401, "login_failed", "The identity provider did not complete the login.");
                    }
                    return redeem((PendingLogin) taken.state(), code, root);
                });
    }

    private CompletableFuture<BrowserRedirect> redeem(PendingLogin pending, String code, String root) {
        return tokenEndpoint.redeem(new AuthorizationCodeGrant(new AuthorizationCode(code),
                        URI.create(pending.redirectUri()), new CodeVerifier(pending.codeVerifier())))
                .thenCompose(issued -> verified(issued, pending.nonce(), true))
                .thenCompose(issued -> {
                    String sessionId = SessionIds.next();
                    return store.create(sessionId, StoredSession.startedAt(BrowserSession.issued(issued, null), System.currentTimeMillis()))
                            .thenApply(kept -> BrowserRedirect.toNewSession(ReturnPath.location(pending.returnTo(), publicRoot(root)), sessionId));
                });
    }

    private static boolean isPendingWith(StoredSession session, String state) {
        return session != null && session.state() instanceof PendingLogin pending && state.equals(pending.state());
    }

    private static GatewayException notThisBrowsersLogin() {
        return GatewayException.badRequest("The login response does not belong to a login started by this browser.");
    }

    /**
     * The issued tokens once both check out. The access token goes first: it is the one that waits for the
     * realm's keys when it names a key not held yet (once), and the ID token is signed by the same key.
     */
    private CompletableFuture<OIDCTokens> verified(OIDCTokens issued, String nonce, boolean mayWaitForKeys) {
        try {
            tokens.verify(issued.getAccessToken().getValue());
            idTokens.verify(issued.getIDToken(), nonce);
            return CompletableFuture.completedFuture(issued);
        } catch (KeysPending pending) {
            if (!mayWaitForKeys) {
                throw new GatewayException(503, "service_unavailable", "The identity provider's keys cannot be had.");
            }
            return pending.fetch().thenCompose(fetched -> verified(issued, nonce, false));
        }
    }

    /**
     * {@code /_gateway/logout}: ends the gateway session on every node and Keycloak's (with the ID token as
     * hint), then returns to the context root.
     *
     * @param sessionId the browser's session cookie, null without one
     */
    public CompletableFuture<BrowserRedirect> logout(String sessionId, String root) {
        CompletableFuture<StoredSession> ended = sessionId == null ? CompletableFuture.completedFuture(null) : store.take(sessionId);
        return ended.thenApply(session -> {
            String idToken = session != null && session.login() != null ? session.login().idToken() : null;
            StringBuilder target = new StringBuilder(settings.endSessionEndpoint().toString())
                    .append("?client_id=").append(encode(settings.clientId()))
                    .append("&post_logout_redirect_uri=").append(encode(publicRoot(root) + "/"));
            if (idToken != null) {
                target.append("&id_token_hint=").append(encode(idToken));
            }
            return BrowserRedirect.endingSession(target.toString());
        });
    }

    /** Behind a load balancer the request does not tell how browsers address the gateway; the config does. */
    private String publicRoot(String requestRoot) {
        return settings.publicRoot() != null ? settings.publicRoot() : requestRoot;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
