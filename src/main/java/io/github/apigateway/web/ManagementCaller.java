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

/**
 * Who calls a management endpoint, checked against the config the request is served with
 * ({@link ManagementAccess}): the metrics take a caller from {@code management.allow_from} or one with an
 * admin token; the admin API wants both. A token signed by a key the gateway does not hold yet throws
 * {@link KeysPending} the first time, for the servlet to wait for the keys suspended and ask again.
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
        ManagementAccess access = config.managementAccess();
        if (!access.admitsAddress(clientAddress(request, config))) {
            throw new GatewayException(403, "forbidden", "The gateway's admin API is not open to this address.");
        }
        if (!access.acceptsTokens()) {
            throw new GatewayException(403, "forbidden",
                    "The gateway's admin API needs auth.keycloak and management.admin_roles in the config.");
        }
        return admin(request, config, resumed);
    }

    private static Identity admin(HttpServletRequest request, ActiveConfig config, boolean resumed) {
        Authenticator authenticator = config.authenticator();
        Identity caller;
        try {
            caller = authenticator.authenticate(AuthMode.BEARER, RequestCredentials.of(request, null, null));
        } catch (KeysPending pending) {
            if (!resumed) {
                throw pending;
            }
            throw new GatewayException(503, "service_unavailable", "The identity provider's keys cannot be had.",
                    Map.of("Retry-After", "1"));
        }
        if (!config.managementAccess().admitsCaller(caller)) {
            throw authenticator.forbidden();
        }
        return caller;
    }

    private static String clientAddress(HttpServletRequest request, ActiveConfig config) {
        return config.clientAddress().resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }
}
