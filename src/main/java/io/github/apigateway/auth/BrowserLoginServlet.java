package io.github.apigateway.auth;

import io.github.apigateway.lifecycle.Gateway;
import io.github.apigateway.web.GatewayException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The gateway's own login endpoints, {@code /_gateway/callback} and {@code /_gateway/logout}; refusals
 * become JSON errors in the request id filter like any other.
 */
public final class BrowserLoginServlet extends HttpServlet {

    private transient BrowserLogin login;

    @Override
    public void init() {
        login = Gateway.from(getServletContext()).authenticator().browserLogin();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (login == null) {
            throw new GatewayException(404, "not_found", "Browser login is not configured.");
        }
        if (request.getServletPath().equals(BrowserLogin.CALLBACK_PATH)) {
            login.completeLogin(request, response);
        } else {
            login.logout(request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
