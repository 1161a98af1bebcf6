package io.github.apigateway.web;

import io.github.apigateway.http.GatewayHeaders;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.lifecycle.ActiveConfig;
import io.github.apigateway.lifecycle.Gateway;
import io.github.apigateway.observability.RequestSpan;
import io.github.apigateway.observability.Tracing;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * First filter of the chain: gives the request its id (echoed in {@code X-Request-Id} on every response),
 * starts its span (continuing the client's trace when its {@code traceparent} is valid), turns any failure
 * of the filters after it into the contract's JSON error, counts the request in flight until its exchange
 * ends (also asynchronously, in the proxy) so that shutdown can wait for it, and records the request then
 * ({@link ExchangeObserver}: metric, span, access log). While the gateway is stopping it refuses new
 * requests with 503. Each request is served with the config version current when it arrived, to its end.
 */
record RequestIdStep(Gateway gateway, Tracing tracing, ExchangeObserver observer) implements Step {

    private static final System.Logger LOG = System.getLogger(RequestIdStep.class.getName());

    @Override
    public void apply(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.attach(request, RequestIds.acceptOrCreate(request.getHeader(GatewayHeaders.REQUEST_ID)));
        response.setHeader(GatewayHeaders.REQUEST_ID, context.requestId());
        context.span(tracing.start(request.getMethod(), request.getHeader(RequestSpan.HEADERS.get(0)),
                request.getHeader(RequestSpan.HEADERS.get(1))));
        ActiveConfig config = gateway.enter();
        context.config(config);
        if (!gateway.inFlight().enter()) {
            refuseWhileStopping(request, response, context);
            config.exit();
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (GatewayException e) {
            ErrorResponses.send(response, e, context.requestId());
        } catch (RuntimeException | ServletException e) {
            LOG.log(System.Logger.Level.ERROR, "Request " + context.requestId() + " failed in the gateway", e);
            ErrorResponses.send(response, new GatewayException(500, "internal_error",
                    "The gateway could not process the request."), context.requestId());
        } finally {
            if (request.isAsyncStarted()) {
                context.onExchangeEnd(() -> {
                    config.exit();
                    gateway.inFlight().exit();
                    observer.ended(request, response, context);
                });
                request.getAsyncContext().addListener(new EndOfExchange(context));
            } else {
                config.exit();
                gateway.inFlight().exit();
                observer.ended(request, response, context);
            }
        }
    }

    /** A load balancer takes the 503 as "send elsewhere"; closing the connection moves the client's next request too. */
    private void refuseWhileStopping(HttpServletRequest request, HttpServletResponse response,
                                     RequestContext context) throws IOException {
        response.setHeader("Connection", "close");
        ErrorResponses.send(response, new GatewayException(503, "shutting_down",
                "This gateway node is shutting down; retry the request."), context.requestId());
        observer.ended(request, response, context);
    }

    private record EndOfExchange(RequestContext context) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            context.exchangeEnded();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        /** A new async cycle (the proxy, after the rate limiter resumed the request) drops listeners that do not re-register. */
        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
