package io.github.apigateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * One step of a routed request's way (authentication, authorization, rate limit): it ends the request
 * with a {@link io.github.apigateway.http.GatewayException}, answers it itself, suspends it, or passes
 * it on down the chain, for requests a route matched.
 */
interface RoutedStep {

    void apply(RequestContext context, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    /** This step as one of every request's: the gateway's own {@code /_gateway/} endpoints pass it untouched. */
    default Step forRoutedRequests() {
        return (request, response, chain) -> {
            RequestContext context = RequestContext.of(request);
            if (context.hasRoute()) {
                apply(context, request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        };
    }
}
