package io.github.apigateway.web;

import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.BrowserRedirect;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's own login endpoints, {@code /_gateway/callback} and {@code /_gateway/logout}; refusals
 * become JSON errors in the request id filter like any other. Both wait for the cluster's session store
 * (and the callback for Keycloak to redeem the code) suspended, not on their thread; the answer
 * dispatches the request back here, where the redirect and the session cookie are sent on a container
 * thread as usual (and refusals are answered here, since the request id filter does not run on async
 * dispatches).
 */
final class BrowserLoginServlet extends HttpServlet {

    private static final String REDIRECT = BrowserLoginServlet.class.getName() + ".redirect";
    private static final GatewayException UNUSABLE =
            new GatewayException(502, "bad_gateway", "The identity provider's answer could not be used.");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The browser login of the config the request is served with; null when that config has no Keycloak.
        BrowserLogin login = RequestContext.of(request).config().authenticator().browserLogin();
        if (login == null) {
            throw new GatewayException(404, "not_found", "Browser login is not configured.");
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            finish(request, response);
            return;
        }
        String sessionId = SessionCookies.id(request);
        String root = BrowserRedirects.root(request);
        CompletableFuture<BrowserRedirect> redirect = request.getServletPath().equals(BrowserLogin.CALLBACK_PATH)
                ? login.completeLogin(sessionId, request.getParameter("state"), request.getParameter("code"), root)
                : login.logout(sessionId, root);
        if (redirect.isDone()) {
            BrowserRedirects.send(FutureOutcome.of(redirect, UNUSABLE), request, response);
            return;
        }
        AsyncContext async = request.startAsync();
        request.setAttribute(REDIRECT, redirect);
        redirect.whenComplete((done, failure) -> async.dispatch());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    /** Back from the cluster or Keycloak; an async dispatch that did not come from here (an abort) has nothing left to do. */
    @SuppressWarnings("unchecked")
    private void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CompletableFuture<BrowserRedirect> redirect = (CompletableFuture<BrowserRedirect>) request.getAttribute(REDIRECT);
        if (redirect == null) {
            return;
        }
        request.removeAttribute(REDIRECT);
        try {
            BrowserRedirects.send(FutureOutcome.of(redirect, UNUSABLE), request, response);
        } catch (GatewayException refused) {
            ErrorResponses.send(response, refused, RequestContext.of(request).requestId());
        }
    }
}
