package io.github.apigateway.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser without automatic redirects that logs in through Keycloak's own login form. Keycloak marks
 * its cookies {@code Secure; SameSite=None} even on http, which the JDK's cookie handling will not send
 * back to 127.0.0.1, so cookies are carried by hand: one jar for the gateway, one for Keycloak.
 */
final class BrowserSimulator {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final KeycloakServer keycloak;
    private final Map<String, String> gatewayCookies = new LinkedHashMap<>();
    private final Map<String, String> keycloakCookies = new LinkedHashMap<>();
    private final List<String> gatewaySetCookies = new ArrayList<>();
    private String keycloakLoginPage;

    BrowserSimulator(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    Map<String, String> gatewayCookies() {
        return gatewayCookies;
    }

    /** Every {@code Set-Cookie} the gateway sent this browser, in order. */
    List<String> gatewaySetCookies() {
        return gatewaySetCookies;
    }

    /**
     * Starts the login on the node of {@code page} and lets Keycloak's callback land on another node:
     * {@code callbackPrefix} (the first node's callback) is replaced by {@code otherNodeCallbackPrefix}.
     *
     * @return where the gateway sent the browser after the login
     */
    String loginAcrossNodes(String page, String callbackPrefix, String otherNodeCallbackPrefix, String user) throws Exception {
        startLogin(page);
        return completeLogin(callbackPrefix, callback -> otherNodeCallbackPrefix + callback.substring(callbackPrefix.length()), user);
    }
    /**
     * Opens the page, logs in on Keycloak's form and follows the callback back to the page.
     *
     * @return the gateway session id the browser had before the login
     */
    String login(String page, String callbackPrefix, String user) throws Exception {
        String sessionBefore = startLogin(page);
        String returnedTo = completeLogin(callbackPrefix, user);
        assertTrue(page.endsWith(returnedTo), returnedTo);
        return sessionBefore;
    }

    /**
     * Opens the page, logs in on Keycloak's form and follows the callback.
     *
     * @return where the gateway sent the browser after the login
     */
    String loginReturningTo(String page, String callbackPrefix, String user) throws Exception {
        startLogin(page);
        return completeLogin(callbackPrefix, user);
    }

    private String startLogin(String page) throws Exception {
        HttpResponse<String> toKeycloak = get(page, true);
        assertEquals(302, toKeycloak.statusCode(), toKeycloak.body());
        keycloakLoginPage = toKeycloak.headers().firstValue("Location").orElseThrow();
        return gatewayCookies.get("GATEWAY_SESSION");
    }

    private String completeLogin(String callbackPrefix, String user) throws Exception {
        return completeLogin(callbackPrefix, UnaryOperator.identity(), user);
    }

    private String completeLogin(String callbackPrefix, UnaryOperator<String> callbackTarget, String user) throws Exception {
        HttpResponse<String> loginPage = get(keycloakLoginPage, true);
        assertEquals(200, loginPage.statusCode());
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertTrue(action.find(), "Keycloak's login form");
        HttpResponse<String> afterLogin = postForm(action.group(1).replace("&amp;", "&"),
                Map.of("username", user, "password", user + "-password", "credentialId", ""));
        assertEquals(302, afterLogin.statusCode(), afterLogin.body());
        String callback = afterLogin.headers().firstValue("Location").orElseThrow();
        assertTrue(callback.startsWith(callbackPrefix), callback);
        HttpResponse<String> backToPage = get(callbackTarget.apply(callback), true);
        assertEquals(302, backToPage.statusCode(), backToPage.body());
        return backToPage.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> get(String url, boolean navigation) throws Exception {
        HttpRequest.Builder request = GatewayClient.request(URI.create(url));
        if (navigation) {
            request.header("Accept", "text/html,application/xhtml+xml");
        }
        return send(url, request);
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(url, GatewayClient.request(URI.create(url), "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpResponse<String> send(String url, HttpRequest.Builder request) throws Exception {
        Map<String, String> jar = url.startsWith(keycloak.url()) ? keycloakCookies : gatewayCookies;
        if (!jar.isEmpty()) {
            StringBuilder cookies = new StringBuilder();
            jar.forEach((name, value) -> cookies.append(cookies.length() == 0 ? "" : "; ").append(name).append('=').append(value));
            request.header("Cookie", cookies.toString());
        }
        HttpResponse<String> response = GatewayClient.send(request);
        if (jar == gatewayCookies) {
            gatewaySetCookies.addAll(response.headers().allValues("Set-Cookie"));
        }
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return response;
    }
}
