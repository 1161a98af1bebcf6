package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full browser single sign-on through the gateway and a real Keycloak: redirect with PKCE, the
 * Keycloak login form, the callback, the session cookie, logout. Keycloak marks its cookies
 * {@code Secure; SameSite=None} even on http, which the JDK's cookie handling will not send back to
 * 127.0.0.1, so this test's browser carries cookies by hand.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserLoginIT {

    private static final KeycloakServer KEYCLOAK = KeycloakServer.shared();
    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    @ArquillianResource
    private URL gateway;

    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [{"id": "app", "path": "/app/*", "service": "upstream", "auth": "browser", "roles": ["user"]}],
                 "auth": {"keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                       "credentials": {"secret": "gateway-secret"}},
                          "jwt": {"audiences": ["gateway"]}}}
                """.formatted(UPSTREAM.url(), KEYCLOAK.url()));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        UPSTREAM.respondWith(RecordingUpstream::ok);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    private String page() {
        return gateway + "app/page?x=1";
    }

    @Test
    void aBrowserWithoutLoginIsSentToKeycloakWithPkce() throws Exception {
        HttpResponse<String> response = browser.get(page(), true);
        assertEquals(302, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?"), location);
        for (String parameter : new String[]{"response_type=code", "client_id=gateway", "code_challenge_method=S256",
                "code_challenge=", "state=", "nonce=", "redirect_uri=", "scope=openid"}) {
            assertTrue(location.contains(parameter), parameter + " in " + location);
        }
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertNull(UPSTREAM.pollRequest(200));
    }

    @Test
    void afterLoginTheUpstreamSeesTheUserAndTheBrowserHoldsNoToken() throws Exception {
        String sessionBefore = loginAs("alice");
        assertNotEquals(sessionBefore, browser.gatewayCookies.get("JSESSIONID"), "a new session id after login");
        HttpResponse<String> response = browser.get(page(), true);
        assertEquals(200, response.statusCode(), response.body());
        RecordingUpstream.Received received = UPSTREAM.takeRequest();
        assertEquals("alice", received.header("X-User-Name"));
        assertEquals("/app/page?x=1", received.uri());
        assertFalse(browser.gatewayCookies.values().stream().anyMatch(value -> value.startsWith("eyJ")), "no token in a cookie");
    }

    @Test
    void aUserWithoutTheRouteRoleIsForbiddenAfterLogin() throws Exception {
        loginAs("bob");
        assertEquals(403, browser.get(page(), true).statusCode());
    }

    @Test
    void anApiCallWithoutLoginGetsA401InsteadOfARedirect() throws Exception {
        HttpResponse<String> response = browser.get(page(), false);
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    }

    @Test
    void aCallbackForALoginThisBrowserDidNotStartIsRefused() throws Exception {
        browser.get(page(), true);
        HttpResponse<String> response = browser.get(gateway + "_gateway/callback?state=forged&code=stolen", true);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"bad_request\""), response.body());
    }

    @Test
    void logoutEndsTheGatewayAndKeycloakSessions() throws Exception {
        loginAs("alice");
        HttpResponse<String> logout = browser.get(gateway + "_gateway/logout", true);
        assertEquals(302, logout.statusCode());
        String location = logout.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/logout?"), location);
        assertTrue(location.contains("id_token_hint="), location);
        assertEquals(302, browser.get(page(), true).statusCode(), "logged out: back to the login");
    }

    /** Drives the whole login and returns the gateway session id the browser had before it. */
    private String loginAs(String user) throws Exception {
        HttpResponse<String> toKeycloak = browser.get(page(), true);
        String sessionBefore = browser.gatewayCookies.get("JSESSIONID");
        HttpResponse<String> loginPage = browser.get(toKeycloak.headers().firstValue("Location").orElseThrow(), true);
        assertEquals(200, loginPage.statusCode());
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertTrue(action.find(), "Keycloak's login form");
        HttpResponse<String> afterLogin = browser.postForm(action.group(1).replace("&amp;", "&"),
                Map.of("username", user, "password", user + "-password", "credentialId", ""));
        assertEquals(302, afterLogin.statusCode(), afterLogin.body());
        String callback = afterLogin.headers().firstValue("Location").orElseThrow();
        assertTrue(callback.startsWith(gateway + "_gateway/callback?"), callback);
        HttpResponse<String> backToPage = browser.get(callback, true);
        assertEquals(302, backToPage.statusCode(), backToPage.body());
        assertTrue(backToPage.headers().firstValue("Location").orElseThrow().endsWith("/app/page?x=1"));
        return sessionBefore;
    }

    /** A browser without redirects: cookies by hand, one jar for the gateway and one for Keycloak. */
    private final class Browser {

        private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final Map<String, String> gatewayCookies = new LinkedHashMap<>();
        private final Map<String, String> keycloakCookies = new LinkedHashMap<>();

        HttpResponse<String> get(String url, boolean navigation) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (navigation) {
                request.header("Accept", "text/html,application/xhtml+xml");
            }
            return send(url, request);
        }

        HttpResponse<String> postForm(String url, Map<String, String> form) throws Exception {
            StringBuilder body = new StringBuilder();
            form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return send(url, HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        private HttpResponse<String> send(String url, HttpRequest.Builder request) throws Exception {
            Map<String, String> jar = url.startsWith(KEYCLOAK.url()) ? keycloakCookies : gatewayCookies;
            if (!jar.isEmpty()) {
                StringBuilder cookies = new StringBuilder();
                jar.forEach((name, value) -> cookies.append(cookies.length() == 0 ? "" : "; ").append(name).append('=').append(value));
                request.header("Cookie", cookies.toString());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            return response;
        }
    }
}
