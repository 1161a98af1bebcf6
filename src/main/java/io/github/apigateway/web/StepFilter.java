package io.github.apigateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The servlet filter a {@link Step} runs in. */
final class StepFilter extends HttpFilter {

    private final transient Step step;

    StepFilter(Step step) {
        this.step = step;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        step.apply(request, response, chain);
    }
}
