package io.github.apigateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The filter a {@link RoutedStep} runs in; the gateway's own {@code /_gateway/} endpoints pass it untouched. */
final class RoutedStepFilter extends HttpFilter {

    private final transient RoutedStep step;

    RoutedStepFilter(RoutedStep step) {
        this.step = step;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.of(request);
        if (context.hasRoute()) {
            step.apply(context, request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }
}
