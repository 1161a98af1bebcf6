package io.github.apigateway.auth;

import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser login steps that need no answer from Keycloak, each with the redirect it asks the web layer for. */
class BrowserLoginTest {

    private static final String ROOT = "http://gateway.example:8080/ctx";
    private static final String LOGOUT = TestTokens.ISSUER + "/protocol/openid-connect/logout";

    private final BrowserLogin login = new BrowserLogin(BrowserSettings.forRealm(TestTokens.settings(), "secret", null),
            TestTokens.verifier(), TestTokens.UNREACHABLE_TOKEN_ENDPOINT);
    private final MemoryLoginStore store = new MemoryLoginStore();

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static BrowserSession loginWithAccessToken(String accessToken, Instant expiresAt) {
        return new BrowserSession(accessToken, null, "the-id-token", expiresAt);
    }

    @Test
    void startingALoginKeepsItsStateForThisBrowser() {
        login.startLogin(store, ROOT, "/app/page?x=1");
        PendingLogin pending = assertInstanceOf(PendingLogin.class, store.load());
        assertEquals("/app/page?x=1", pending.returnTo());
    }

    @Test
    void startingALoginRedirectsToKeycloakWithStateNonceAndPkce() {
        BrowserRedirect redirect = login.startLogin(store, ROOT, "/app/page");
        PendingLogin pending = (PendingLogin) store.load();
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
    void startingALoginKeepsTheSessionId() {
        assertEquals(BrowserRedirect.SessionChange.KEEP, login.startLogin(store, ROOT, "/").sessionChange());
    }

    @Test
    void everyLoginStartsWithAFreshState() {
        login.startLogin(store, ROOT, "/");
        String first = ((PendingLogin) store.load()).state();
        login.startLogin(store, ROOT, "/");
        assertFalse(first.equals(((PendingLogin) store.load()).state()));
    }

    @Test
    void noRedirectMayBeStoredByACache() {
        assertEquals(Map.of("Cache-Control", "no-store"), login.startLogin(store, ROOT, "/").headers());
        assertEquals(Map.of("Cache-Control", "no-store"), login.logout(store, ROOT).headers());
    }

    @Test
    void aCallbackWithAStateThisBrowserDidNotStartIsRefusedAndKeepsThePendingLogin() {
        login.startLogin(store, ROOT, "/");
        LoginState pending = store.load();
        GatewayException e = assertThrows(GatewayException.class,
                () -> login.redeemLogin(store, "forged", "stolen-code"));
        assertEquals(400, e.status());
        assertSame(pending, store.load());
    }

    @Test
    void aCallbackWithoutAPendingLoginIsRefused() {
        GatewayException e = assertThrows(GatewayException.class, () -> login.redeemLogin(store, "some-state", "code"));
        assertEquals(400, e.status());
    }

    @Test
    void aCallbackWithoutACodeEndsThePendingLogin() {
        login.startLogin(store, ROOT, "/");
        String state = ((PendingLogin) store.load()).state();
        GatewayException e = assertThrows(GatewayException.class, () -> login.redeemLogin(store, state, null));
        assertEquals(401, e.status());
        assertEquals("login_failed", e.error());
        assertNull(store.load());
    }

    @Test
    void logoutEndsTheSessionAndKeycloaksWithTheIdTokenAsHint() {
        store.save(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300)));
        BrowserRedirect redirect = login.logout(store, ROOT);
        assertEquals(BrowserRedirect.SessionChange.END, redirect.sessionChange());
        assertEquals(LOGOUT + "?client_id=gateway&post_logout_redirect_uri=" + encoded(ROOT + "/")
                + "&id_token_hint=the-id-token", redirect.location());
    }

    @Test
    void logoutWithoutALoginStillEndsKeycloaksSession() {
        BrowserRedirect redirect = login.logout(store, ROOT);
        assertEquals(BrowserRedirect.SessionChange.END, redirect.sessionChange());
        assertEquals(LOGOUT + "?client_id=gateway&post_logout_redirect_uri=" + encoded(ROOT + "/"), redirect.location());
    }

    @Test
    void aBrowserWithoutALoginHasNoCaller() {
        assertNull(login.currentIdentity(store));
    }

    @Test
    void aPendingLoginIsNoCallerYet() {
        login.startLogin(store, ROOT, "/");
        assertNull(login.currentIdentity(store));
    }

    @Test
    void aLoginYieldsTheCallerOfItsAccessToken() {
        store.save(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300)));
        assertEquals("alice", login.currentIdentity(store).username());
    }

    @Test
    void aLoginWhoseAccessTokenIsNotValidIsForgotten() {
        store.save(loginWithAccessToken("not-a-jwt", Instant.now().plusSeconds(300)));
        assertNull(login.currentIdentity(store));
        assertNull(store.load());
    }

    @Test
    void aLoginNotDueForRefreshNeedsNone() {
        store.save(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(300)));
        assertNull(login.refreshDue(store));
    }

    @Test
    void aLoginDueForRefreshWithoutARefreshTokenIsForgotten() {
        store.save(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(10)));
        TokenRefresh refresh = login.refreshDue(store);
        assertTrue(refresh.isDone());
        login.adopt(store, refresh);
        assertNull(store.load());
    }

    @Test
    void parallelRequestsOfALoginDueForRefreshWaitForTheSameRefresh() {
        store.save(new BrowserSession(TestTokens.aliceToken(), "refresh-1", "the-id-token", Instant.now().plusSeconds(10)));
        assertSame(login.refreshDue(store).completion(), login.refreshDue(new MemoryLoginStore(store.load())).completion());
    }

    @Test
    void aLoginWhoseRefreshFailedIsForgotten() {
        // Nothing answers for the test realm's Keycloak.
        store.save(new BrowserSession(TestTokens.aliceToken(), "refresh-2", "the-id-token", Instant.now().plusSeconds(10)));
        TokenRefresh refresh = login.refreshDue(store);
        refresh.completion().join();
        login.adopt(store, refresh);
        assertNull(store.load());
    }

    @Test
    void aRefreshLeavesALoginThatChangedMeanwhile() {
        store.save(loginWithAccessToken(TestTokens.aliceToken(), Instant.now().plusSeconds(10)));
        TokenRefresh refresh = login.refreshDue(store);
        BrowserSession newer = new BrowserSession(TestTokens.aliceToken(), "refresh-3", "the-id-token", Instant.now().plusSeconds(300));
        store.save(newer);
        login.adopt(store, refresh);
        assertSame(newer, store.load());
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
        login.startLogin(store, ROOT, "/");
        assertEquals(ROOT + BrowserLogin.CALLBACK_PATH, ((PendingLogin) store.load()).redirectUri());
    }

    @Test
    void behindAPublicUrlKeycloakSendsTheBrowserBackThereWhateverTheRequestSaid() {
        BrowserLogin behindBalancer = new BrowserLogin(BrowserSettings.forRealm(TestTokens.settings(), "secret",
                "https://gateway.example.com/"), TestTokens.verifier(), TestTokens.UNREACHABLE_TOKEN_ENDPOINT);
        BrowserRedirect redirect = behindBalancer.startLogin(store, "http://10.0.0.7:8080", "/app");
        String callback = "https://gateway.example.com" + BrowserLogin.CALLBACK_PATH;
        assertTrue(redirect.location().contains("redirect_uri=" + encoded(callback)), redirect.location());
        assertEquals(callback, ((PendingLogin) store.load()).redirectUri());
    }

    @Test
    void behindAPublicUrlLogoutReturnsThere() {
        BrowserLogin behindBalancer = new BrowserLogin(BrowserSettings.forRealm(TestTokens.settings(), "secret",
                "https://gateway.example.com"), TestTokens.verifier(), TestTokens.UNREACHABLE_TOKEN_ENDPOINT);
        assertTrue(behindBalancer.logout(store, "http://10.0.0.7:8080").location()
                .contains("post_logout_redirect_uri=" + encoded("https://gateway.example.com/")));
    }
}
