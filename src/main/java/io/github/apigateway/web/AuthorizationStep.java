package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.Route;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.observability.AuthMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A route with {@code roles} admits only callers with at least one of them: 403 for the others. Also
 * mapped for async dispatches, since a request that authentication resumed reaches it only then; on
 * other async dispatches it checks the same caller again and passes. Refusals are counted ({@link AuthMetrics}).
 */
record AuthorizationStep(AuthMetrics metrics) implements RoutedStep {

    @Override
    public void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response,
                      FilterChain chain) throws IOException, ServletException {
        Route route = context.routeMatch().route();
        Identity identity = context.identity();
        if (!route.roles().isEmpty() && (identity == null || !identity.hasAnyRole(route.roles()))) {
            GatewayException refused = context.config().authenticator().forbidden();
            metrics.failed(refused);
            throw refused;
        }
        chain.doFilter(request, response);
    }
}
