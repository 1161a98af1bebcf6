package io.github.apigateway.auth;

import io.github.apigateway.config.ApiKeySettings;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.BrowserSettings;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which credential each route mode takes from the {@link Credentials} a request presents. */
class AuthenticatorTest {

    private static final String KEY = "k3y-for-the-reporting-job";
    private static final String ALICE = TestTokens.aliceToken();

    private final BearerTokenVerifier tokens = TestTokens.verifier();
    private final Authenticator authenticator = new Authenticator(tokens,
            new ApiKeyVerifier(new ApiKeySettings("X-API-Key",
                    List.of(new ApiKeySettings.ApiKey("reporting-job", Sha256.of(KEY), List.of("reports"))))),
            new BrowserLogin(BrowserSettings.forRealm(TestTokens.settings(), "secret", null), tokens, TestTokens.UNREACHABLE_TOKEN_ENDPOINT,
                    TestTokens.MEMORY_SESSIONS, TestTokens.refresh(TestTokens.MEMORY_SESSIONS)), null);

    private static Credentials authorization(String... values) {
        return new Credentials(List.of(values), null, null);
    }

    private static Credentials apiKey(String key) {
        return new Credentials(List.of(), key, null);
    }

    private static Credentials none() {
        return authorization();
    }

    private GatewayException refused(AuthMode mode, Credentials credentials) {
        return assertThrows(GatewayException.class, () -> authenticator.authenticate(mode, credentials));
    }

    private static void assertChallengeWithoutError(GatewayException e) {
        assertEquals(401, e.status());
        assertEquals("unauthorized", e.error());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"demo\""), e.headers());
    }

    @Test
    void aPublicRouteHasNoCaller() {
        assertNull(authenticator.authenticate(AuthMode.NONE, authorization("Bearer " + ALICE)));
    }

    @Test
    void aBearerTokenIdentifiesTheCaller() {
        Identity identity = authenticator.authenticate(AuthMode.BEARER, authorization("Bearer " + ALICE));
        assertEquals("alice", identity.username());
        assertEquals(Identity.Credential.BEARER_TOKEN, identity.credential());
    }

    @Test
    void theBearerSchemeIsMatchedInAnyLetterCase() {
        assertEquals("alice", authenticator.authenticate(AuthMode.BEARER, authorization("bEARer " + ALICE)).username());
    }

    @Test
    void aBearerRouteWithoutAuthorizationIsChallengedWithoutAnErrorCode() {
        assertChallengeWithoutError(refused(AuthMode.BEARER, none()));
    }

    @Test
    void anotherAuthorizationSchemeIsNoBearerToken() {
        assertChallengeWithoutError(refused(AuthMode.BEARER, authorization("Basic YWxpY2U6c2VjcmV0")));
    }

    @Test
    void twoAuthorizationValuesAreAnInvalidRequest() {
        assertRefusedWith(400, "invalid_request", refused(AuthMode.BEARER, authorization("Bearer " + ALICE, "Bearer " + ALICE)));
    }

    @Test
    void anEmptyBearerTokenIsAnInvalidRequest() {
        assertRefusedWith(400, "invalid_request", refused(AuthMode.BEARER, authorization("Bearer   ")));
    }

    @Test
    void anInvalidBearerTokenIsAnInvalidToken() {
        assertRefusedWith(401, "invalid_token", refused(AuthMode.BEARER, authorization("Bearer not-a-jwt")));
    }

    @Test
    void aBearerRouteDoesNotTakeAnApiKey() {
        assertChallengeWithoutError(refused(AuthMode.BEARER, apiKey(KEY)));
    }

    @Test
    void anApiKeyIdentifiesItsClient() {
        Identity identity = authenticator.authenticate(AuthMode.API_KEY, apiKey(KEY));
        assertEquals("reporting-job", identity.clientId());
        assertEquals(Identity.Credential.API_KEY, identity.credential());
    }

    @Test
    void anUnknownApiKeyIsAnInvalidToken() {
        assertRefusedWith(401, "invalid_token", refused(AuthMode.API_KEY, apiKey("not-a-configured-key")));
    }

    @Test
    void anApiKeyRouteDoesNotTakeABearerToken() {
        assertChallengeWithoutError(refused(AuthMode.API_KEY, authorization("Bearer " + ALICE)));
    }

    @Test
    void anyTakesTheApiKeyWhenNoBearerTokenCame() {
        assertEquals("reporting-job", authenticator.authenticate(AuthMode.ANY, apiKey(KEY)).clientId());
    }

    @Test
    void anyTakesTheBearerTokenFirstAndLeavesTheApiKeyUnchecked() {
        Credentials both = new Credentials(List.of("Bearer " + ALICE), "not-a-configured-key", null);
        assertEquals("alice", authenticator.authenticate(AuthMode.ANY, both).username());
    }

    @Test
    void anyWithoutEitherCredentialIsChallengedWithoutAnErrorCode() {
        assertChallengeWithoutError(refused(AuthMode.ANY, none()));
    }

    @Test
    void aBrowserRouteTakesTheCallerFromTheBrowsersLogin() {
        LoginState login = new BrowserSession(ALICE, null, "id-token", Instant.now().plusSeconds(300));
        Credentials credentials = new Credentials(List.of(), null, login);
        assertEquals("alice", authenticator.authenticate(AuthMode.BROWSER, credentials).username());
    }

    @Test
    void aBrowserRouteDoesNotTakeABearerToken() {
        assertChallengeWithoutError(refused(AuthMode.BROWSER, authorization("Bearer " + ALICE)));
    }

    private static void assertRefusedWith(int status, String error, GatewayException refusal) {
        assertEquals(status, refusal.status());
        assertEquals(error, refusal.error());
    }
}
