package io.github.apigateway.web;

import io.github.apigateway.auth.BrowserRedirect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Sends what a browser login step decided: the session cookie, then the redirect with its headers. */
final class BrowserRedirects {

    private BrowserRedirects() {
    }

    static void send(BrowserRedirect redirect, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (redirect.sessionChange()) {
            case NEW_ID -> SessionCookies.set(request, response, redirect.sessionId());
            case END -> SessionCookies.expire(request, response);
        }
        redirect.headers().forEach(response::setHeader);
        response.sendRedirect(redirect.location());
    }

    /** The gateway's root as the browser addresses it, {@code {scheme}://{host}{context path}}: callbacks go there. */
    static String root(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return request.getScheme() + "://" + (host != null ? host : request.getServerName() + ":" + request.getServerPort())
                + request.getContextPath();
    }

    /**
     * Where the browser returns after logging in: the path it asked for in the normal form it was routed
     * with (so {@code //evil.example/../app} is {@code /app}: never a path a browser reads as another host),
     * and its query.
     *
     * @param normalisedPath the matched path inside the context, starting with a single {@code /}
     */
    static String requestTarget(HttpServletRequest request, String normalisedPath) {
        String query = request.getQueryString();
        return request.getContextPath() + normalisedPath + (query == null ? "" : "?" + query);
    }
}
