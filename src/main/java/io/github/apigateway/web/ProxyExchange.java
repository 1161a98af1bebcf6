package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import io.github.apigateway.proxy.UserAgentPassThrough;
import io.github.apigateway.proxy.UpstreamFailures;
import io.github.apigateway.proxy.UpstreamRequests;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.proxy.Upstreams;
import io.github.apigateway.routing.RouteMatch;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

import java.io.IOException;
import java.util.concurrent.Future;

/**
 * One proxied request, from the moment the servlet goes async to the end of the response. No container
 * thread waits on the upstream: the request body, the upstream call and the response body all run on
 * callbacks. Failures end here: an upstream failure becomes 502/503/504 (or an aborted connection once
 * the response has started), a client failure cancels the upstream call so its connection returns to
 * the pool.
 */
public final class ProxyExchange implements FutureCallback<Void>, AsyncListener {

    private static final System.Logger LOG = System.getLogger(ProxyExchange.class.getName());

    private final String requestId;
    private ResponsePump pump;
    /** The client's request body on its way to the upstream, or null when the request has none. */
    private volatile RequestBodyProducer body;
    private volatile Future<Void> upstreamCall;
    private volatile boolean clientFailed;

    private ProxyExchange(String requestId) {
        this.requestId = requestId;
    }

    public static void start(HttpServletRequest request, HttpServletResponse response, Upstreams upstreams)
            throws IOException {
        RequestContext context = RequestContext.of(request);
        RouteMatch match = context.routeMatch();
        UpstreamService service = upstreams.service(match.route().service());
        HttpHost instance = service.nextInstance();

        ProxyExchange exchange = new ProxyExchange(context.requestId());
        AsyncContext async = request.startAsync();
        // The HTTP client's timeouts bound the upstream side; the client side is bounded by the
        // container's idle timeout. A container async timeout would cut off long, healthy downloads.
        async.setTimeout(0);
        async.addListener(exchange);
        exchange.pump = new ResponsePump(response, new ClientExchangeEnd(response, async, context.requestId()),
                context.requestId(), exchange::clientFailed);
        exchange.body = RequestBodyProducer.of(request, exchange::clientFailed);

        HttpClientContext httpContext = service.newContext();
        if (request.getHeader("User-Agent") == null) {
            httpContext.setAttribute(UserAgentPassThrough.CLIENT_SENT_NONE, Boolean.TRUE);
        }
        exchange.upstreamCall = upstreams.execute(instance,
                new BasicRequestProducer(UpstreamRequests.build(ClientRequests.of(request), match, instance,
                        context.requestId()), exchange.body),
                exchange.pump, httpContext, exchange);
        if (exchange.clientFailed) {
            exchange.stopUpstreamCall();
        }
    }

    @Override
    public void completed(Void result) {
    }

    @Override
    public void failed(Exception failure) {
        if (clientFailed) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Request " + requestId + ": upstream failed: " + failure);
        try {
            pump.fail(UpstreamFailures.toGatewayException(failure));
        } catch (RuntimeException e) {
            // Never let an exception escape into the HTTP client's I/O thread: it would stop the
            // reactor and with it every exchange of the service.
            LOG.log(System.Logger.Level.ERROR, "Request " + requestId + ": could not answer the client", e);
        }
    }

    @Override
    public void cancelled() {
    }

    /**
     * The client went away or broke its request: stop the upstream call and free its connection, so the
     * upstream never takes a half-sent body for a whole one. A client that broke its body's framing still
     * waits for an answer, and it is its error (400), not the gateway's (503).
     */
    private void clientFailed(Throwable failure) {
        clientFailed = true;
        LOG.log(System.Logger.Level.DEBUG, () -> "Request " + requestId + ": client failed: " + failure);
        stopUpstreamCall();
        pump.endAfterClientFailure(MalformedRequestBody.isCause(failure)
                ? GatewayException.badRequest("The request body is malformed.")
                : new GatewayException(503, "service_unavailable", "The gateway ended the request before the upstream answered."));
    }

    /**
     * Cancelling the call does not stop an exchange on a reused pooled connection (see
     * {@link RequestBodyProducer}): a body still on its way fails the exchange instead, and a response
     * being relayed fails it with its next bytes ({@link ResponsePump}).
     */
    private void stopUpstreamCall() {
        if (body != null) {
            body.abandon();
        }
        Future<Void> call = upstreamCall;
        if (call != null) {
            call.cancel(true);
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        clientFailed(event.getThrowable());
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientFailed(event.getThrowable());
    }

    /**
     * A container may end the client's side without reporting an error to any listener (Tomcat, for a
     * client that resets the connection mid-download); an upstream call still running then would hold its
     * pooled connection until the upstream finishes, so it is cancelled.
     */
    @Override
    public void onComplete(AsyncEvent event) {
        if (pump.endedByTheContainer()) {
            stopUpstreamCall();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
