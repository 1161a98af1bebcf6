package io.github.apigateway.web;

import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.IssuedLogin;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The gateway's own login endpoints, {@code /_gateway/callback} and {@code /_gateway/logout}; refusals
 * become JSON errors in the request id filter like any other. The callback waits for Keycloak to redeem
 * the code suspended, not on its thread; the answer dispatches it back here, where the session is written
 * on a container thread as usual (and refusals are answered here, since the request id filter does not
 * run on async dispatches).
 */
final class BrowserLoginServlet extends HttpServlet {

    private static final String ISSUED = BrowserLoginServlet.class.getName() + ".issued";

    /** The browser login of the config the request is served with; null when that config has no Keycloak. */
    private static BrowserLogin login(HttpServletRequest request) {
        return RequestContext.of(request).config().authenticator().browserLogin();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BrowserLogin login = login(request);
        if (login == null) {
            throw new GatewayException(404, "not_found", "Browser login is not configured.");
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            finishLogin(request, response);
            return;
        }
        HttpSessionLoginStore store = new HttpSessionLoginStore(request);
        if (!request.getServletPath().equals(BrowserLogin.CALLBACK_PATH)) {
            BrowserRedirects.send(login.logout(store, BrowserRedirects.root(request)), request, response);
            return;
        }
        CompletableFuture<IssuedLogin> issued = login.redeemLogin(store, request.getParameter("state"),
                request.getParameter("code"));
        AsyncContext async = request.startAsync();
        request.setAttribute(ISSUED, issued);
        issued.whenComplete((done, failure) -> async.dispatch());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    /** Back from Keycloak; an async dispatch that did not come from here (an abort) has nothing left to do. */
    @SuppressWarnings("unchecked")
    private void finishLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CompletableFuture<IssuedLogin> issued = (CompletableFuture<IssuedLogin>) request.getAttribute(ISSUED);
        if (issued == null) {
            return;
        }
        request.removeAttribute(ISSUED);
        try {
            BrowserRedirects.send(login(request).finishLogin(new HttpSessionLoginStore(request), BrowserRedirects.root(request),
                    redeemed(issued)), request, response);
        } catch (GatewayException refused) {
            ErrorResponses.send(response, refused, RequestContext.of(request).requestId());
        }
    }

    private static IssuedLogin redeemed(CompletableFuture<IssuedLogin> issued) {
        try {
            return issued.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GatewayException refused) {
                throw refused;
            }
            throw new GatewayException(502, "bad_gateway", "The identity provider's answer could not be used.");
        }
    }
}
