package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.BrowserRedirect;
import io.github.apigateway.auth.Credentials;
import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.auth.LoginState;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.observability.AuthMetrics;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies the credential the matched route asks for, records the caller in the {@link RequestContext}
 * for the steps after it, and passes on the request with the gateway's identity headers in place of
 * any the client sent. A rejected request ends here: the upstream never sees it. On a browser route the
 * request waits suspended, not on its thread, while its session comes from the cluster (with its access
 * token refreshed when due), and again while a login it starts is kept there; a bearer token signed by a
 * key the gateway does not hold yet waits the same way for the realm's keys ({@link KeysPending}). Each
 * wait dispatches the request back here. Refusals are counted by reason ({@link AuthMetrics}). (The filter
 * is mapped for async dispatches too; one that this step did not start passes through.)
 */
record AuthenticationStep(AuthMetrics metrics) implements RoutedStep {

    /** The browser session's login state, as loaded for this request; kept for the request's life. */
    private static final String SESSION = AuthenticationStep.class.getName() + ".session";
    /** This step suspended the request until its session or the realm's keys were there. */
    private static final String RESUME = AuthenticationStep.class.getName() + ".resume";
    /** This step suspended the request until the login it started was kept. */
    private static final String LOGIN_START = AuthenticationStep.class.getName() + ".loginStart";
    private static final GatewayException SESSION_FAILED =
            new GatewayException(503, "service_unavailable", "The browser session could not be read.");

    @Override
    public void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                      FilterChain chain) throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            resume(context, request, response, chain);
            return;
        }
        if (context.routeMatch().route().auth() == AuthMode.BROWSER) {
            String sessionId = SessionCookies.id(request);
            CompletableFuture<LoginState> session = sessionId == null
                    ? CompletableFuture.completedFuture(null) : context.config().authenticator().browserLogin().session(sessionId);
            request.setAttribute(SESSION, session);
            if (!session.isDone()) {
                suspendUntil(session, RESUME, Boolean.TRUE, request, response);
                return;
            }
        }
        authenticate(context, request, response, chain);
    }

    /** The request waits for {@code wait}, without its thread, then comes back here with {@code attribute} set. */
    private static void suspendUntil(CompletableFuture<?> wait, String attribute, Object value,
                                     HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync(request, response);
        request.setAttribute(attribute, value);
        wait.whenComplete((done, failure) -> async.dispatch());
    }

    /**
     * Back from the cluster or a key fetch; an async dispatch that did not come from here (the rate
     * limiter's, an abort) passes through.
     */
    @SuppressWarnings("unchecked")
    private void resume(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws IOException, ServletException {
        Object loginStart = request.getAttribute(LOGIN_START);
        if (loginStart != null) {
            request.removeAttribute(LOGIN_START);
            sendToLogin((CompletableFuture<BrowserRedirect>) loginStart, request, response);
        } else if (request.getAttribute(RESUME) != null) {
            request.removeAttribute(RESUME);
            authenticate(context, request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void authenticate(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                              FilterChain chain) throws IOException, ServletException {
        try {
            if (!identify(context, request, response)) {
                return;
            }
        } catch (KeysPending pending) {
            suspendUntil(pending.fetch(), RESUME, Boolean.TRUE, request, response);
            return;
        }
        // Public routes too: the client's own identity headers and API key never go upstream.
        chain.doFilter(new IdentityHeadersRequest(request, context.identity(), context.config().authenticator().apiKeyHeader()),
                response);
    }

    /** Records the verified caller; false when the request was answered here (a browser sent to log in). */
    private boolean identify(RequestContext context, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AuthMode mode = context.routeMatch().route().auth();
        if (mode == AuthMode.NONE) {
            return true;
        }
        Authenticator authenticator = context.config().authenticator();
        LoginState login = mode == AuthMode.BROWSER ? loadedSession(request) : null;
        if (mode == AuthMode.BROWSER && BrowserLogin.isNavigation(request.getMethod(), request.getHeader("Accept"))
                && authenticator.browserLogin().currentIdentity(login) == null) {
            CompletableFuture<BrowserRedirect> start = authenticator.browserLogin().startLogin(SessionCookies.id(request),
                    BrowserRedirects.root(request), BrowserRedirects.requestTarget(request, context.routeMatch().path()));
            if (start.isDone()) {
                sendToLogin(start, request, response);
            } else {
                suspendUntil(start, LOGIN_START, start, request, response);
            }
            return false;
        }
        Credentials credentials = RequestCredentials.of(request, authenticator.apiKeyHeader(), login);
        try {
            context.identity(authenticator.authenticate(mode, credentials));
        } catch (GatewayException refused) {
            metrics.failed(refused);
            throw refused;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static LoginState loadedSession(HttpServletRequest request) {
        return FutureOutcome.of((CompletableFuture<LoginState>) request.getAttribute(SESSION), SESSION_FAILED);
    }

    private static void sendToLogin(CompletableFuture<BrowserRedirect> start, HttpServletRequest request,
                                    HttpServletResponse response) throws IOException {
        BrowserRedirects.send(FutureOutcome.of(start, SESSION_FAILED), request, response);
    }
}
