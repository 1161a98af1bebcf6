package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.Credentials;
import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.auth.TokenRefresh;
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
 * any the client sent. A rejected request ends here: the upstream never sees it. A browser login whose
 * access token is due waits for its refresh suspended, not on its thread: the refresh dispatches it
 * back here, where the refreshed login is kept and used. A bearer token signed by a key the gateway does
 * not hold yet waits the same way for the realm's keys ({@link KeysPending}). Refusals are counted by
 * reason ({@link AuthMetrics}). (The filter is mapped for async dispatches too; one that this step did
 * not start passes through.)
 */
record AuthenticationStep(AuthMetrics metrics) implements RoutedStep {

    private static final String REFRESH = AuthenticationStep.class.getName() + ".refresh";
    private static final String KEYS = AuthenticationStep.class.getName() + ".keys";

    @Override
    public void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                      FilterChain chain) throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            resume(context, request, response, chain);
            return;
        }
        AuthMode mode = context.routeMatch().route().auth();
        TokenRefresh refresh = mode == AuthMode.BROWSER
                ? context.config().authenticator().browserLogin().refreshDue(credentials(context, request).login()) : null;
        if (refresh != null && !refresh.isDone()) {
            suspendUntil(refresh.completion(), REFRESH, refresh, request, response);
            return;
        }
        authenticate(context, request, response, chain, refresh);
    }

    /** The request waits for {@code wait}, without its thread, then comes back here with {@code attribute} set. */
    private static void suspendUntil(CompletableFuture<?> wait, String attribute, Object value,
                                     HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync(request, response);
        request.setAttribute(attribute, value);
        wait.whenComplete((done, failure) -> async.dispatch());
    }

    /**
     * Back from a refresh or a key fetch; an async dispatch that did not come from here (the rate
     * limiter's, an abort) passes through.
     */
    private void resume(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws IOException, ServletException {
        Object refresh = request.getAttribute(REFRESH);
        Object keys = request.getAttribute(KEYS);
        if (refresh == null && keys == null) {
            chain.doFilter(request, response);
            return;
        }
        request.removeAttribute(REFRESH);
        request.removeAttribute(KEYS);
        authenticate(context, request, response, chain, (TokenRefresh) refresh);
    }

    /** @param refresh the finished refresh of the browser's login, or null when none was due */
    private void authenticate(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                              FilterChain chain, TokenRefresh refresh) throws IOException, ServletException {
        try {
            if (!identify(context, request, response, refresh)) {
                return;
            }
        } catch (KeysPending pending) {
            suspendUntil(pending.fetch(), KEYS, Boolean.TRUE, request, response);
            return;
        }
        // Public routes too: the client's own identity headers and API key never go upstream.
        chain.doFilter(new IdentityHeadersRequest(request, context.identity(), context.config().authenticator().apiKeyHeader()),
                response);
    }

    /** Records the verified caller; false when the request was answered here (a browser sent to log in). */
    private boolean identify(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                             TokenRefresh refresh) throws IOException {
        AuthMode mode = context.routeMatch().route().auth();
        if (mode != AuthMode.NONE) {
            Authenticator authenticator = context.config().authenticator();
            Credentials credentials = credentials(context, request);
            if (refresh != null) {
                authenticator.browserLogin().adopt(credentials.login(), refresh);
            }
            if (mode == AuthMode.BROWSER && BrowserLogin.isNavigation(request.getMethod(), request.getHeader("Accept"))
                    && authenticator.browserLogin().currentIdentity(credentials.login()) == null) {
                BrowserRedirects.send(authenticator.browserLogin().startLogin(credentials.login(),
                        BrowserRedirects.root(request), BrowserRedirects.requestTarget(request, context.routeMatch().path())),
                        request, response);
                return false;
            }
            try {
                context.identity(authenticator.authenticate(mode, credentials));
            } catch (GatewayException refused) {
                metrics.failed(refused);
                throw refused;
            }
        }
        return true;
    }

    private static Credentials credentials(RequestContext context, HttpServletRequest request) {
        return RequestCredentials.of(request, context.config().authenticator().apiKeyHeader());
    }
}
