package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.Credentials;
import io.github.apigateway.auth.TokenRefresh;
import io.github.apigateway.config.AuthMode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Verifies the credential the matched route asks for, records the caller in the {@link RequestContext}
 * for the steps after it, and passes on the request with the gateway's identity headers in place of
 * any the client sent. A rejected request ends here: the upstream never sees it. A browser login whose
 * access token is due waits for its refresh suspended, not on its thread: the refresh dispatches it
 * back here, where the refreshed login is kept and used. (The filter is mapped for async dispatches
 * too; one that this step did not start passes through.)
 */
record AuthenticationStep(Authenticator authenticator) implements RoutedStep {

    private static final String REFRESH = AuthenticationStep.class.getName() + ".refresh";

    @Override
    public void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                      FilterChain chain) throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            resume(context, request, response, chain);
            return;
        }
        AuthMode mode = context.routeMatch().route().auth();
        TokenRefresh refresh = mode == AuthMode.BROWSER
                ? authenticator.browserLogin().refreshDue(credentials(request).login()) : null;
        if (refresh != null && !refresh.isDone()) {
            AsyncContext async = request.startAsync(request, response);
            request.setAttribute(REFRESH, refresh);
            refresh.completion().whenComplete((refreshed, failure) -> async.dispatch());
            return;
        }
        authenticate(context, request, response, chain, refresh);
    }

    /** Back from a refresh; an async dispatch that did not come from here (the rate limiter's, an abort) passes through. */
    private void resume(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws IOException, ServletException {
        Object refresh = request.getAttribute(REFRESH);
        if (refresh == null) {
            chain.doFilter(request, response);
            return;
        }
        request.removeAttribute(REFRESH);
        authenticate(context, request, response, chain, (TokenRefresh) refresh);
    }

    /** @param refresh the finished refresh of the browser's login, or null when none was due */
    private void authenticate(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                              FilterChain chain, TokenRefresh refresh) throws IOException, ServletException {
        AuthMode mode = context.routeMatch().route().auth();
        if (mode != AuthMode.NONE) {
            Credentials credentials = credentials(request);
            if (refresh != null) {
                authenticator.browserLogin().adopt(credentials.login(), refresh);
            }
            if (mode == AuthMode.BROWSER && BrowserLogin.isNavigation(request.getMethod(), request.getHeader("Accept"))
                    && authenticator.browserLogin().currentIdentity(credentials.login()) == null) {
                BrowserRedirects.send(authenticator.browserLogin().startLogin(credentials.login(),
                        BrowserRedirects.root(request), BrowserRedirects.requestTarget(request, context.routeMatch().path())),
                        request, response);
                return;
            }
            context.identity(authenticator.authenticate(mode, credentials));
        }
        // Public routes too: the client's own identity headers and API key never go upstream.
        chain.doFilter(new IdentityHeadersRequest(request, context.identity(), authenticator.apiKeyHeader()), response);
    }

    private Credentials credentials(HttpServletRequest request) {
        return RequestCredentials.of(request, authenticator.apiKeyHeader());
    }
}
