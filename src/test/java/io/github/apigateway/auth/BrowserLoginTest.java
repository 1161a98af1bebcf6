package io.github.apigateway.auth;

import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser login steps that need no answer from Keycloak, each with the redirect it asks the web layer for. */
class BrowserLoginTest {

    private static final String ROOT = "http://gateway.example:8080/ctx";
    private static final String LOGOUT = TestTokens.ISSUER + "/protocol/openid-connect/logout";

    private final MemorySessionStore store = new MemorySessionStore();
    private final BrowserLogin login = loginBehind(null);

    private BrowserLogin loginBehind(String publicUrl) {
        return new BrowserLogin(BrowserSettings.forRealm(TestTokens.settings(), "secret", publicUrl),
                TestTokens.verifier(), TestTokens.UNREACHABLE_TOKEN_ENDPOINT, store, TestTokens.refresh(store));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String sessionWith(LoginState state) {
        String id = SessionIds.next();
        store.sessions.put(id, StoredSession.startedAt(state, System.currentTimeMillis()));
        return id;
    }

    private static BrowserSession loginWithAccessToken(String accessToken, Instant expiresAt) {
        return new BrowserSession(accessToken, null, "the-id-token", expiresAt);
    }

    private PendingLogin pendingOf(BrowserRedirect redirect) {
        return assertInstanceOf(PendingLogin.class, store.sessions.get(redirect.sessionId()).state());
    }

    private static GatewayException refusal(CompletableFuture<?> outcome) {
        CompletionException e = assertThrows(CompletionException.class, outcome::join);
        return assertInstanceOf(GatewayException.class, e.getCause());
    }

    @Test
    void startingALoginKeepsItsStateInANewSession() {
        BrowserRedirect redirect = login.startLogin(null, ROOT, "/app/page?x=1").join();
        assertEquals(BrowserRedirect.SessionChange.NEW_ID, redirect.sessionChange());
        assertTrue(SessionIds.isWellFormed(redirect.sessionId()), redirect.sessionId());
        assertEquals("/app/page?x=1", pendingOf(redirect).returnTo());
    }

    @Test
    void startingALoginRedirectsToKeycloakWithStateNonceAndPkce() {
        BrowserRedirect redirect = login.startLogin(null, ROOT, "/app/page").join();
        PendingLogin pending = pendingOf(redirect);
        String location = redirect.location();
        assertTrue(location.startsWith(TestTokens.ISSUER + "/protocol/openid-connect/auth?"), location);
        for (String parameter : new String[]{"response_type=code", "client_id=gateway", "scope=openid",
                "code_challenge_method=S256", "code_challenge=", "state=" + pending.state(), "nonce=" + pending.nonce(),
                "redirect_uri=" + encoded(ROOT + BrowserLogin.CALLBACK_PATH)}) {
            assertTrue(location.contains(parameter), parameter + " in " + location);
        }
        assertFalse(location.contains(pending.codeVerifier()), "only the challenge leaves the gateway");
    }

    @Test
    void startingALoginEndsTheBrowsersPreviousSession() {
        String previous = sessionWith(loginWithAccessToken("not-a-jwt", Instant.now().plusSeconds(300)));
        login.startLogin(previous, ROOT, "/").join();
        assertNull(store.sessions.get(previous));
    }

    @Test
    void everyLoginStartsWithAFreshStateInAFreshSession() {
        BrowserRedirect first = login.startLogin(null, ROOT, "/").join();
        BrowserRedirect second = login.startLogin(null, ROOT, "/").join();
        assertNotEquals(first.sessionId(), second.sessionId());
        assertNotEquals(pendingOf(first).state(), pendingOf(second).state());
    }

    @Test
    void noRedirectMayBeStoredByACache() {
        assertEquals(Map.of("Cache-Control", "no-store"), login.startLogin(null, ROOT, "/").join().headers());
        assertEquals(Map.of("Cache-Control", "no-store"), login.logout(null, ROOT).join().headers());
    }

    @Test
    void aCallbackWithAStateThisBrowserDidNotStartIsRefusedAndKeepsThePendingLogin() {
        BrowserRedirect started = login.startLogin(null, ROOT, "/").join();
        StoredSession pending = store.sessions.get(started.sessionId());
        assertEquals(400, refusal(login.completeLogin(started.sessionId(), "forged", "stolen-code", ROOT)).status());
        assertSame(pending, store.sessions.get(started.sessionId()));
    }

    @Test
    void aCallbackWithoutASessionIsRefused() {
        assertEquals(400, refusal(login.completeLogin(null, "some-state", "code", ROOT)).status());
    }

    @Test
    void aCallbackOfASessionWithoutAPendingLoginIsRefused() {
        String id = sessionWith(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300)));
        assertEquals(400, refusal(login.completeLogin(id, "some-state", "code", ROOT)).status());
    }

    @Test
    void aCallbackWithoutACodeEndsThePendingLogin() {
        BrowserRedirect started = login.startLogin(null, ROOT, "/").join();
        GatewayException e = refusal(login.completeLogin(started.sessionId(), pendingOf(started).state(), null, ROOT));
        assertEquals(401, e.status());
        assertEquals("login_failed", e.error());
        assertNull(store.sessions.get(started.sessionId()));
    }

    @Test
    void logoutEndsTheSessionAndKeycloaksWithTheIdTokenAsHint() {
        String id = sessionWith(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300)));
        BrowserRedirect redirect = login.logout(id, ROOT).join();
        assertEquals(BrowserRedirect.SessionChange.END, redirect.sessionChange());
        assertEquals(LOGOUT + "?client_id=gateway&post_logout_redirect_uri=" + encoded(ROOT + "/")
                + "&id_token_hint=the-id-token", redirect.location());
        assertNull(store.sessions.get(id));
    }

    @Test
    void logoutWithoutALoginStillEndsKeycloaksSession() {
        BrowserRedirect redirect = login.logout(null, ROOT).join();
        assertEquals(BrowserRedirect.SessionChange.END, redirect.sessionChange());
        assertEquals(LOGOUT + "?client_id=gateway&post_logout_redirect_uri=" + encoded(ROOT + "/"), redirect.location());
    }

    @Test
    void aBrowserWithoutALoginHasNoCaller() {
        assertNull(login.currentIdentity(null));
    }

    @Test
    void aPendingLoginIsNoCallerYet() {
        BrowserRedirect started = login.startLogin(null, ROOT, "/").join();
        assertNull(login.currentIdentity(login.session(started.sessionId()).join()));
    }

    @Test
    void aLoginYieldsTheCallerOfItsAccessToken() {
        String id = sessionWith(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300)));
        assertEquals("alice", login.currentIdentity(login.session(id).join()).username());
    }

    @Test
    void aLoginWhoseAccessTokenIsNotValidHasNoCaller() {
        assertNull(login.currentIdentity(loginWithAccessToken("not-a-jwt", Instant.now().plusSeconds(300))));
    }

    @Test
    void anUnknownSessionHasNoLoginState() {
        assertNull(login.session(SessionIds.next()).join());
    }

    @Test
    void aLoginNotDueForRefreshIsUsedAsItIs() {
        BrowserSession current = loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300));
        assertEquals(current, login.session(sessionWith(current)).join());
    }

    @Test
    void aLoginDueForRefreshWithoutARefreshTokenEndsItsSession() {
        String id = sessionWith(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(10)));
        assertNull(login.session(id).join());
        assertNull(store.sessions.get(id));
    }

    @Test
    void aLoginWhoseRefreshFailedEndsItsSession() {
        // Nothing answers for the test realm's Keycloak.
        String id = sessionWith(new BrowserSession(TestTokens.aliceToken(), "refresh-2", "the-id-token", Instant.now().plusSeconds(10)));
        assertNull(login.session(id).join());
        assertNull(store.sessions.get(id));
    }

    @Test
    void aPageNavigationIsAGetOrHeadAcceptingHtml() {
        assertTrue(BrowserLogin.isNavigation("GET", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertTrue(BrowserLogin.isNavigation("HEAD", "text/html"));
    }

    @Test
    void anApiCallIsNoPageNavigation() {
        assertFalse(BrowserLogin.isNavigation("GET", "application/json"));
        assertFalse(BrowserLogin.isNavigation("GET", null));
        assertFalse(BrowserLogin.isNavigation("POST", "text/html"));
    }

    @Test
    void aLoginKeepsTheRedirectUriItStartedWith() {
        assertEquals(ROOT + BrowserLogin.CALLBACK_PATH, pendingOf(login.startLogin(null, ROOT, "/").join()).redirectUri());
    }

    @Test
    void behindAPublicUrlKeycloakSendsTheBrowserBackThereWhateverTheRequestSaid() {
        BrowserRedirect redirect = loginBehind("https://gateway.example.com/").startLogin(null, "http://10.0.0.7:8080", "/app").join();
        String callback = "https://gateway.example.com" + BrowserLogin.CALLBACK_PATH;
        assertTrue(redirect.location().contains("redirect_uri=" + encoded(callback)), redirect.location());
        assertEquals(callback, pendingOf(redirect).redirectUri());
    }

    @Test
    void behindAPublicUrlLogoutReturnsThere() {
        assertTrue(loginBehind("https://gateway.example.com").logout(null, "http://10.0.0.7:8080").join().location()
                .contains("post_logout_redirect_uri=" + encoded("https://gateway.example.com/")));
    }
}
