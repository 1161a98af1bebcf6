package io.github.apigateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * One step of a request's way through the gateway (request id, route, authentication, authorization,
 * rate limit): it ends the request with a {@link io.github.apigateway.http.GatewayException}, answers it
 * itself, suspends it, or passes it on with {@code chain.doFilter}. {@link GatewayBootstrap} registers
 * the steps in order, each in a {@link StepFilter}.
 */
interface Step {

    void apply(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;
}
