package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.Credentials;
import io.github.apigateway.config.AuthMode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Verifies the credential the matched route asks for, records the caller in the {@link RequestContext}
 * for the steps after it, and passes on the request with the gateway's identity headers in place of
 * any the client sent. A rejected request ends here: the upstream never sees it.
 */
record AuthenticationStep(Authenticator authenticator) implements RoutedStep {

    @Override
    public void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                      FilterChain chain) throws IOException, ServletException {
        AuthMode mode = context.routeMatch().route().auth();
        if (mode != AuthMode.NONE) {
            Credentials credentials = RequestCredentials.of(request, authenticator.apiKeyHeader());
            if (mode == AuthMode.BROWSER && BrowserLogin.isNavigation(request.getMethod(), request.getHeader("Accept"))
                    && authenticator.browserLogin().currentIdentity(credentials.login()) == null) {
                BrowserRedirects.send(authenticator.browserLogin().startLogin(credentials.login(),
                        BrowserRedirects.root(request), BrowserRedirects.requestTarget(request, context.routeMatch().path())), request, response);
                return;
            }
            context.identity(authenticator.authenticate(mode, credentials));
        }
        // Public routes too: the client's own identity headers and API key never go upstream.
        chain.doFilter(new IdentityHeadersRequest(request, context.identity(), authenticator.apiKeyHeader()), response);
    }
}
