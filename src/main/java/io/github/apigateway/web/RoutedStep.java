package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import jakarta.servlet.DispatcherType;
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

    /**
     * This step as one of every request's: the gateway's own {@code /_gateway/} endpoints pass it untouched.
     * On an async dispatch (a suspended step resuming the request) the request id step, which answers
     * refusals, does not run, so a refusal is answered here.
     */
    default Step forRoutedRequests() {
        return (request, response, chain) -> {
            RequestContext context = RequestContext.of(request);
            if (!context.hasRoute()) {
                chain.doFilter(request, response);
            } else if (request.getDispatcherType() != DispatcherType.ASYNC) {
                apply(context, request, response, chain);
            } else {
                try {
                    apply(context, request, response, chain);
                } catch (GatewayException refused) {
                    ErrorResponses.send(response, refused, context.requestId());
                }
            }
        };
    }
}
