package io.github.apigateway.web;

import io.github.apigateway.auth.Authenticator;
import io.github.apigateway.auth.Identity;
import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.lifecycle.ManagementAccess;
import io.github.apigateway.observability.GatewayMetrics;
import io.github.apigateway.ratelimit.ClientAddress;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * {@code GET /_gateway/metrics}: the gateway's meters in Prometheus text, or OpenMetrics when the scraper's
 * {@code Accept} asks for it, to callers {@link ManagementAccess} admits. A caller from elsewhere gets 403,
 * or, where an admin token could admit it, 401 without a valid bearer token and 403 with one that lacks
 * the role. A token signed by a key the gateway does not hold yet waits for the realm's keys suspended,
 * not on its thread, and comes back here once (as {@link AuthenticationStep} does). Refusals go through
 * the request id step's JSON errors, or are written here on the async dispatch, where that step does not run.
 */
final class MetricsServlet extends HttpServlet {

    private final transient GatewayMetrics metrics;
    private final transient ManagementAccess access;
    private final transient ClientAddress clientAddress;
    private final transient Authenticator authenticator;

    MetricsServlet(GatewayMetrics metrics, ManagementAccess access, ClientAddress clientAddress,
                   Authenticator authenticator) {
        this.metrics = metrics;
        this.access = access;
        this.clientAddress = clientAddress;
        this.authenticator = authenticator;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean resumed = request.getDispatcherType() == DispatcherType.ASYNC;
        try {
            admit(request, resumed);
        } catch (KeysPending pending) {
            AsyncContext async = request.startAsync();
            pending.fetch().whenComplete((fetched, failure) -> async.dispatch());
            return;
        } catch (GatewayException refused) {
            if (!resumed) {
                throw refused;
            }
            ErrorResponses.send(response, refused, RequestContext.of(request).requestId());
            return;
        }
        String contentType = GatewayMetrics.contentType(request.getHeader("Accept"));
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        metrics.scrape(contentType, response.getOutputStream());
    }

    /** @param resumed whether the realm's keys were fetched for this request already */
    private void admit(HttpServletRequest request, boolean resumed) {
        String client = clientAddress.resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
        if (access.admitsAddress(client)) {
            return;
        }
        if (!access.acceptsTokens()) {
            throw new GatewayException(403, "forbidden", "The gateway's metrics are not open to this address.");
        }
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
        if (!access.admitsCaller(caller)) {
            throw authenticator.forbidden();
        }
    }
}
