package io.github.apigateway.web;

import io.github.apigateway.lifecycle.Gateway;
import io.github.apigateway.proxy.ConnectionPoolStats;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /_gateway/health}: 200 and the cluster size as this node sees it, with the requests in flight
 * (this one included) and the upstream connection pool's use, so that a leak shows from outside.
 */
final class HealthServlet extends HttpServlet {

    private final transient Gateway gateway;

    HealthServlet(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = ("{\"status\":\"UP\",\"cluster\":{\"members\":" + gateway.cluster().memberCount()
                + "},\"routes\":" + gateway.config().routes().size()
                + ",\"services\":" + gateway.config().services().size()
                + ",\"rate_limit_failures\":" + gateway.rateLimitFailures().total()
                + ",\"requests_in_flight\":" + gateway.inFlight().count()
                + ",\"upstream_connections\":" + connections(gateway.upstreams().connectionPoolStats())
                + "}").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String connections(ConnectionPoolStats pool) {
        return "{\"leased\":" + pool.leased() + ",\"pending\":" + pool.pending() + ",\"available\":" + pool.available() + "}";
    }
}
