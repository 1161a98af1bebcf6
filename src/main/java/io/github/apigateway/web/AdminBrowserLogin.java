package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.auth.LoginStateStore;
import io.github.apigateway.auth.TokenRefresh;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The one place where the admin page and the admin API reach a browser's login: the same calls the
 * authentication step makes for {@code auth: "browser"} routes (the login state {@link RequestCredentials}
 * reads, {@link BrowserLogin}'s refresh, current identity and login start), so that a change of where
 * sessions live changes nothing here. A refresh under way is kept in a request attribute while the
 * request waits for it suspended; nothing is shared between requests.
 */
final class AdminBrowserLogin {

    private static final String REFRESH = AdminBrowserLogin.class.getName() + ".refresh";

    private AdminBrowserLogin() {
    }

    /**
     * The browser's logged-in caller; null without a login (or when the config has no browser login).
     *
     * @throws RefreshPending when the login's access token is being refreshed: ask again once it is over
     */
    static Identity caller(HttpServletRequest request, Authenticator authenticator) {
        BrowserLogin login = authenticator.browserLogin();
        if (login == null) {
            return null;
        }
        LoginStateStore store = RequestCredentials.of(request, null).login();
        TokenRefresh refresh = request.getAttribute(REFRESH) instanceof TokenRefresh waited ? waited : login.refreshDue(store);
        if (refresh != null) {
            if (!refresh.isDone()) {
                request.setAttribute(REFRESH, refresh);
                throw new RefreshPending(refresh.completion());
            }
            request.removeAttribute(REFRESH);
            login.adopt(store, refresh);
        }
        return login.currentIdentity(store);
    }

    /** Sends the browser to log in at Keycloak, to come back to {@code returnTo} (a path on this gateway). */
    static void startLogin(HttpServletRequest request, HttpServletResponse response, Authenticator authenticator,
                           String returnTo) throws IOException {
        BrowserRedirects.send(authenticator.browserLogin().startLogin(RequestCredentials.of(request, null).login(),
                BrowserRedirects.root(request), returnTo), request, response);
    }

    /**
     * The browser's access token is being refreshed: the request waits for {@link #refresh} suspended and
     * is then served again. Not a failure, so without a stack trace.
     */
    static final class RefreshPending extends RuntimeException {

        private final transient CompletableFuture<?> refresh;

        RefreshPending(CompletableFuture<?> refresh) {
            super("waiting for the browser login's refresh", null, false, false);
            this.refresh = refresh;
        }

        /** Completes, never exceptionally, when the refresh is over. */
        CompletableFuture<?> refresh() {
            return refresh;
        }
    }
}
