package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.lifecycle.ActiveConfig;
import io.github.apigateway.lifecycle.ManagementAccess;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who calls a management endpoint, checked against the config the request is served with
 * ({@link ManagementAccess}): the metrics take a caller from {@code management.allow_from} or one with an
 * admin token; the admin API wants both, and takes a browser logged in with an admin role in place of
 * the token (the admin page's calls; their changes pass {@link SessionWriteCheck}); the admin page wants
 * the address and that browser login. A token signed by a key the gateway does not hold yet throws
 * {@link KeysPending} the first time, and a browser session the cluster has not answered for yet
 * {@link AdminBrowserLogin.SessionPending}, for the servlet to wait suspended and ask again.
 */
final class ManagementCaller {

    private ManagementCaller() {
    }

    /** @param resumed whether the realm's keys were fetched for this request already */
    static void admitToMetrics(HttpServletRequest request, boolean resumed) {
        ActiveConfig config = RequestContext.of(request).config();
        ManagementAccess access = config.managementAccess();
        if (access.admitsAddress(clientAddress(request, config))) {
            return;
        }
        if (!access.acceptsTokens()) {
            throw new GatewayException(403, "forbidden", "The gateway's metrics are not open to this address.");
        }
        admin(request, config, resumed);
    }

    /** @return the admin, whose name the change log records */
    static Identity admitToAdmin(HttpServletRequest request, boolean resumed) {
        ActiveConfig config = RequestContext.of(request).config();
        openToAdmins(request, config, "admin API");
        if (request.getHeader("Authorization") == null) {
            Identity browser = browserAdmin(request, config, resumed);
            if (browser != null) {
                SessionWriteCheck.check(request.getMethod(), request.getContentType(),
                        request.getHeader(SessionWriteCheck.HEADER), request.getHeader("Origin"), request.getHeader("Host"));
                return browser;
            }
        }
        return admin(request, config, resumed);
    }

    /**
     * The admin page's caller: a browser logged in with an admin role, from an allowed address.
     *
     * @return null when the browser is not logged in
     */
    static Identity admitToPage(HttpServletRequest request, boolean resumed) {
        ActiveConfig config = RequestContext.of(request).config();
        openToAdmins(request, config, "admin page");
        return browserAdmin(request, config, resumed);
    }

    private static void openToAdmins(HttpServletRequest request, ActiveConfig config, String endpoint) {
        ManagementAccess access = config.managementAccess();
        if (!access.admitsAddress(clientAddress(request, config))) {
            throw new GatewayException(403, "forbidden", "The gateway's " + endpoint + " is not open to this address.");
        }
        if (!access.acceptsTokens()) {
            throw new GatewayException(403, "forbidden",
                    "The gateway's " + endpoint + " needs auth.keycloak and management.admin_roles in the config.");
        }
    }

    /** The browser's logged-in caller when it holds an admin role; null when not logged in. */
    private static Identity browserAdmin(HttpServletRequest request, ActiveConfig config, boolean resumed) {
        Identity caller = verified(() -> AdminBrowserLogin.caller(request, config.authenticator()), resumed);
        if (caller != null && !config.managementAccess().admitsCaller(caller)) {
            throw config.authenticator().forbidden();
        }
        return caller;
    }

    private static Identity admin(HttpServletRequest request, ActiveConfig config, boolean resumed) {
        Authenticator authenticator = config.authenticator();
        Identity caller = verified(() -> authenticator.authenticate(AuthMode.BEARER, RequestCredentials.of(request, null, null)),
                resumed);
        if (!config.managementAccess().admitsCaller(caller)) {
            throw authenticator.forbidden();
        }
        return caller;
    }

    /** A verification that waits for the realm's keys once; the second time, the keys cannot be had. */
    private static Identity verified(Supplier<Identity> verification, boolean resumed) {
        try {
            return verification.get();
        } catch (KeysPending pending) {
            if (!resumed) {
                throw pending;
            }
            throw new GatewayException(503, "service_unavailable", "The identity provider's keys cannot be had.",
                    Map.of("Retry-After", "1"));
        }
    }

    private static String clientAddress(HttpServletRequest request, ActiveConfig config) {
        return config.clientAddress().resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }
}
