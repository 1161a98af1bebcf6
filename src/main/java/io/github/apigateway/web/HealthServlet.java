package io.github.apigateway.web;

import io.github.apigateway.http.JsonText;
import io.github.apigateway.lifecycle.ActiveConfig;
import io.github.apigateway.lifecycle.Gateway;
import io.github.apigateway.proxy.ConnectionPoolStats;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /_gateway/health}: 200 and the cluster size as this node sees it; {@code DEGRADED} (still
 * 200: the gateway itself is up) naming each service none of whose instances is healthy, so a load
 * balancer in front keeps the node while an operator sees which service is down. Instance URLs stay
 * internal. Also the requests in flight (this one included) and the upstream connection pool's use, so
 * that a leak shows from outside.
 */
final class HealthServlet extends HttpServlet {

    private final transient Gateway gateway;

    HealthServlet(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> degraded = gateway.upstreams().servicesWithoutHealthyInstance();
        ActiveConfig config = RequestContext.of(request).config();
        byte[] body = ("{\"status\":\"" + (degraded.isEmpty() ? "UP" : "DEGRADED")
                + "\",\"cluster\":{\"members\":" + gateway.cluster().memberCount()
                + "},\"config_version\":" + JsonText.quote(config.version().toString())
                + ",\"routes\":" + config.config().routes().size()
                + ",\"services\":" + config.config().services().size()
                + ",\"services_without_healthy_instance\":" + jsonArray(degraded)
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

    private static String jsonArray(List<String> names) {
        return names.stream().map(JsonText::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
