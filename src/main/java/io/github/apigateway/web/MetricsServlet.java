package io.github.apigateway.web;

import io.github.apigateway.auth.KeysPending;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.observability.GatewayMetrics;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /_gateway/metrics}: the gateway's meters in Prometheus text, or OpenMetrics when the scraper's
 * {@code Accept} asks for it, to callers {@link ManagementCaller#admitToMetrics} admits. A caller from elsewhere gets 403,
 * or, where an admin token could admit it, 401 without a valid bearer token and 403 with one that lacks
 * the role. A token signed by a key the gateway does not hold yet waits for the realm's keys suspended,
 * not on its thread, and comes back here once (as {@link AuthenticationStep} does). Refusals go through
 * the request id step's JSON errors, or are written here on the async dispatch, where that step does not run.
 */
final class MetricsServlet extends HttpServlet {

    private final transient GatewayMetrics metrics;

    MetricsServlet(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean resumed = request.getDispatcherType() == DispatcherType.ASYNC;
        try {
            ManagementCaller.admitToMetrics(request, resumed);
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
}
