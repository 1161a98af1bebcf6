package io.github.apigateway.web;

import io.github.apigateway.auth.BrowserLogin;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /_gateway/ui/}: the admin page, with its script and style sheet ({@link AdminUiAssets}), only
 * for a browser logged in with an admin role from an allowed address ({@link ManagementCaller#admitToPage}).
 * A navigation without a login goes to Keycloak and comes back here through {@code /_gateway/callback};
 * any other request without one gets 401. A wait for the realm's keys or a login's refresh is spent
 * suspended; refusals are answered here, since the request id step does not run on the dispatch back.
 */
final class AdminUiServlet extends HttpServlet {

    static final String PATH = "/_gateway/ui";

    private final transient AdminUiAssets assets;

    AdminUiServlet(AdminUiAssets assets) {
        this.assets = assets;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = request.getPathInfo();
        try {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw new GatewayException(405, "method_not_allowed", "The admin page is only read.", Map.of("Allow", "GET, HEAD"));
            }
            if (path == null) {
                response.sendRedirect(request.getContextPath() + PATH + "/");
                return;
            }
            AdminUiAssets.Asset asset = assets.at(path);
            if (asset == null) {
                throw new GatewayException(404, "not_found", "The admin page has no such file.");
            }
            serve(asset, request, response);
        } catch (GatewayException refused) {
            refuse(refused, request, response);
        }
    }

    private void serve(AdminUiAssets.Asset asset, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            Identity admin = ManagementCaller.admitToPage(request, request.getDispatcherType() == DispatcherType.ASYNC);
            if (admin != null) {
                AdminUiAssets.send(asset, 200, response, request.getMethod().equals("GET"));
            } else if (isNavigation(request)) {
                AdminBrowserLogin.startLogin(request, response, RequestContext.of(request).config().authenticator(),
                        request.getContextPath() + PATH + "/");
            } else {
                throw new GatewayException(401, "unauthorized", "The admin page needs a browser login; open "
                        + PATH + "/ to log in.");
            }
        } catch (KeysPending pending) {
            serveAgainAfter(pending.fetch(), request);
        } catch (AdminBrowserLogin.SessionPending pending) {
            serveAgainAfter(pending.answer(), request);
        }
    }

    private static void serveAgainAfter(CompletableFuture<?> wait, HttpServletRequest request) {
        AsyncContext async = request.startAsync();
        wait.whenComplete((done, failure) -> async.dispatch());
    }

    /** A browser that navigated here gets a page it can read (with a way to log out); anything else JSON. */
    private void refuse(GatewayException refused, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (refused.status() == 403 && isNavigation(request)) {
            AdminUiAssets.send(assets.forbidden(), 403, response, request.getMethod().equals("GET"));
            return;
        }
        ErrorResponses.send(response, refused, RequestContext.of(request).requestId());
    }

    private static boolean isNavigation(HttpServletRequest request) {
        return BrowserLogin.isNavigation(request.getMethod(), request.getHeader("Accept"));
    }
}
