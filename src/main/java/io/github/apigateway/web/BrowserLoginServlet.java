package io.github.apigateway.web;

import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.BrowserRedirect;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The gateway's own login endpoints, {@code /_gateway/callback} and {@code /_gateway/logout}; refusals
 * become JSON errors in the request id filter like any other.
 */
final class BrowserLoginServlet extends HttpServlet {

    /** Null when the config has no Keycloak. */
    private final transient BrowserLogin login;

    BrowserLoginServlet(BrowserLogin login) {
        this.login = login;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (login == null) {
            throw new GatewayException(404, "not_found", "Browser login is not configured.");
        }
        HttpSessionLoginStore store = new HttpSessionLoginStore(request);
        String root = BrowserRedirects.root(request);
        BrowserRedirect redirect = request.getServletPath().equals(BrowserLogin.CALLBACK_PATH)
                ? login.completeLogin(store, root, request.getParameter("state"), request.getParameter("code"))
                : login.logout(store, root);
        BrowserRedirects.send(redirect, request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
