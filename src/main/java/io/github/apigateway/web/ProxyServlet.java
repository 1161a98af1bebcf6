package io.github.apigateway.web;

import io.github.apigateway.lifecycle.Gateway;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The end of the filter chain: forwards every routed request to an instance of its route's service, or,
 * on an aggregate route, answers it from the route's calls ({@link AggregateExchange}).
 */
final class ProxyServlet extends HttpServlet {

    private final transient Gateway gateway;

    ProxyServlet(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Containers destroy servlets before they tell the context listeners (Tomcat does), or after; the
     * gateway stops on whichever comes first, so requests in flight drain before anything they use is
     * closed. {@link Gateway#stop} runs once.
     */
    @Override
    public void destroy() {
        gateway.stop();
    }

    /** All methods, including ones HttpServlet does not know, are the upstream's to answer. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object aborted = request.getAttribute(AbortedResponse.ATTRIBUTE);
        if (aborted != null && request.getDispatcherType() == DispatcherType.ASYNC) {
            throw (AbortedResponse) aborted;
        }
        if (RequestContext.of(request).routeMatch().route().aggregate().isPresent()) {
            AggregateExchange.start(request, response, gateway.aggregator());
            return;
        }
        ProxyExchange.start(request, response, gateway.upstreams(), gateway.observability().metrics().upstreams());
    }
}
