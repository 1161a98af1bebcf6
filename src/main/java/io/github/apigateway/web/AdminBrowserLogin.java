package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.BrowserRedirect;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one place where the admin page and the admin API reach a browser's login: the same calls the
 * authentication step makes for {@code auth: "browser"} routes (the session named by the
 * {@code GATEWAY_SESSION} cookie, loaded from the cluster and refreshed when due; its current identity;
 * a login start). What the cluster has not answered yet is kept in a request attribute while the request
 * waits for it suspended ({@link SessionPending}); nothing is shared between requests.
 */
final class AdminBrowserLogin {

    private static final String SESSION = AdminBrowserLogin.class.getName() + ".session";
    private static final String LOGIN_START = AdminBrowserLogin.class.getName() + ".loginStart";
    private static final GatewayException SESSION_FAILED =
            new GatewayException(503, "service_unavailable", "The browser session could not be read.");

    private AdminBrowserLogin() {
    }

    /**
     * The browser's logged-in caller; null without a login (or when the config has no browser login).
     *
     * @throws SessionPending while the cluster loads (or refreshes) the session: ask again once it has
     */
    static Identity caller(HttpServletRequest request, Authenticator authenticator) {
        BrowserLogin login = authenticator.browserLogin();
        String sessionId = SessionCookies.id(request);
        if (login == null || sessionId == null) {
            return null;
        }
        return login.currentIdentity(FutureOutcome.of(answered(request, SESSION, () -> login.session(sessionId)), SESSION_FAILED));
    }

    /**
     * Sends the browser to log in at Keycloak, to come back to {@code returnTo} (a path on this gateway).
     *
     * @throws SessionPending while the cluster stores the login's start: call again once it has
     */
    static void startLogin(HttpServletRequest request, HttpServletResponse response, Authenticator authenticator,
                           String returnTo) throws IOException {
        CompletableFuture<BrowserRedirect> start = answered(request, LOGIN_START, () -> authenticator.browserLogin()
                .startLogin(SessionCookies.id(request), BrowserRedirects.root(request), returnTo));
        BrowserRedirects.send(FutureOutcome.of(start, SESSION_FAILED), request, response);
    }

    /** The stage this request started before, or a new one; throws while it is not done. */
    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> answered(HttpServletRequest request, String attribute,
                                                     Supplier<CompletableFuture<T>> start) {
        CompletableFuture<T> stage = (CompletableFuture<T>) request.getAttribute(attribute);
        if (stage == null) {
            stage = start.get();
            request.setAttribute(attribute, stage);
        }
        if (!stage.isDone()) {
            throw new SessionPending(stage);
        }
        return stage;
    }

    /**
     * The cluster has not answered for the browser's session yet: the request waits for {@link #answer}
     * suspended and is then served again. Not a failure, so without a stack trace.
     */
    static final class SessionPending extends RuntimeException {

        private final transient CompletableFuture<?> answer;

        SessionPending(CompletableFuture<?> answer) {
            super("waiting for the cluster's answer about the browser session", null, false, false);
            this.answer = answer;
        }

        /** Completes (a failure too) when the cluster has answered or its deadline passed. */
        CompletableFuture<?> answer() {
            return answer;
        }
    }
}
