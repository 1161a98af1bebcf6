package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.lifecycle.ActiveConfig;
import io.github.apigateway.observability.RequestSpan;
import io.github.apigateway.routing.RouteMatch;
import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the filters learn about one request, handed down the chain as a single typed request attribute
 * (not a map of strings): the request id and the config version it is served with first, then the matched route; the auth filter adds the
 * caller's identity; the proxy the instance it sent the request to. Each field is written by one filter
 * before the next one runs, and the container's hand-off between filters and to the async proxy publishes
 * the writes; the upstream address, written on the HTTP client's threads, is volatile.
 */
public final class RequestContext {

    private static final String ATTRIBUTE = RequestContext.class.getName();

    private final String requestId;
    private final long startNanos;
    private ActiveConfig config;
    private RouteMatch routeMatch;
    private Identity identity;
    private RequestSpan span = RequestSpan.NONE;
    private volatile String upstreamAddress;
    private final AtomicReference<Runnable> onExchangeEnd = new AtomicReference<>();

    private RequestContext(String requestId, long startNanos) {
        this.requestId = requestId;
        this.startNanos = startNanos;
    }

    static RequestContext attach(ServletRequest request, String requestId) {
        RequestContext context = new RequestContext(requestId, System.nanoTime());
        request.setAttribute(ATTRIBUTE, context);
        return context;
    }

    /** @throws IllegalStateException when the request did not pass the request id filter */
    public static RequestContext of(ServletRequest request) {
        Object context = request.getAttribute(ATTRIBUTE);
        if (context == null) {
            throw new IllegalStateException("RequestIdStep must run before " + RequestContext.class.getSimpleName() + " is read; check the filter order in GatewayBootstrap.register");
        }
        return (RequestContext) context;
    }

    /** @throws IllegalStateException when the request id step has not entered the request into a config */
    public ActiveConfig config() {
        if (config == null) {
            throw new IllegalStateException("RequestIdStep must run before the config is read; check the filter order in GatewayBootstrap.register");
        }
        return config;
    }

    /** The config version the request is served with, from its start to its end. */
    void config(ActiveConfig entered) {
        this.config = entered;
    }

    public String requestId() {
        return requestId;
    }

    public long startNanos() {
        return startNanos;
    }

    /** @throws IllegalStateException when the route filter has not matched the request */
    public RouteMatch routeMatch() {
        if (routeMatch == null) {
            throw new IllegalStateException("RouteStep must run before the route is read; check the filter order in GatewayBootstrap.register");
        }
        return routeMatch;
    }

    public void routeMatch(RouteMatch match) {
        this.routeMatch = match;
    }

    /** False for the gateway's own {@code /_gateway/} endpoints, which have no route. */
    public boolean hasRoute() {
        return routeMatch != null;
    }

    /** What must happen once when the exchange ends (access log, in-flight count); see {@link #exchangeEnded}. */
    public void onExchangeEnd(Runnable action) {
        onExchangeEnd.set(action);
    }

    /**
     * Runs the end-of-exchange action, once, however many report the end: the container's async
     * completion, and the proxy after Jetty aborted a connection, which completes no async cycle.
     */
    public void exchangeEnded() {
        Runnable action = onExchangeEnd.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    /** The verified caller, or null for an anonymous request on a public route. */
    public Identity identity() {
        return identity;
    }

    public void identity(Identity verified) {
        this.identity = verified;
    }

    /** The gateway's span of this request; {@link RequestSpan#NONE} when tracing is off. */
    public RequestSpan span() {
        return span;
    }

    public void span(RequestSpan started) {
        this.span = started;
    }

    /** The instance the request was last sent to ({@code host:port}), or null before the proxy sent it. */
    public String upstreamAddress() {
        return upstreamAddress;
    }

    public void upstreamAddress(String address) {
        this.upstreamAddress = address;
    }

    /** The matched route's id, for logs; "-" before a route matched. */
    public String routeId() {
        return routeMatch == null ? "-" : routeMatch.route().id();
    }
}
