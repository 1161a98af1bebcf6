package io.github.apigateway.web;

import io.github.apigateway.ratelimit.RequestView;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;

/** The request as the rate limiter reads it, through the identity view authentication left in place. */
record ServletRequestView(HttpServletRequest request) implements RequestView {

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public String peerAddress() {
        return request.getRemoteAddr();
    }
}
