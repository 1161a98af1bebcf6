package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.Route;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** A route with {@code roles} admits only callers with at least one of them: 403 for the others. */
final class AuthorizationFilter extends HttpFilter {

    private final transient Authenticator authenticator;

    AuthorizationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.of(request);
        if (context.hasRoute()) {
            Route route = context.routeMatch().route();
            Identity identity = context.identity();
            if (!route.roles().isEmpty() && (identity == null || !identity.hasAnyRole(route.roles()))) {
                throw authenticator.forbidden();
            }
        }
        chain.doFilter(request, response);
    }
}
