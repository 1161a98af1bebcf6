package io.github.apigateway.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * First filter of the chain: gives the request its id (echoed in {@code X-Request-Id} on every response),
 * turns any failure of the filters after it into the contract's JSON error, and writes the access log
 * line when the exchange ends, also when it ends asynchronously in the proxy.
 */
public final class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";

    private static final System.Logger LOG = System.getLogger(RequestIdFilter.class.getName());
    private static final System.Logger ACCESS = System.getLogger("gateway.access");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.attach(request, RequestIds.acceptOrCreate(request.getHeader(HEADER)));
        response.setHeader(HEADER, context.requestId());
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
                request.getAsyncContext().addListener(new AccessLogOnCompletion(request, response, context));
            } else {
                logAccess(request, response, context);
            }
        }
    }

    private static void logAccess(HttpServletRequest request, HttpServletResponse response, RequestContext context) {
        if (ACCESS.isLoggable(System.Logger.Level.INFO)) {
            long micros = (System.nanoTime() - context.startNanos()) / 1_000;
            ACCESS.log(System.Logger.Level.INFO, request.getRemoteAddr() + " \"" + request.getMethod() + " "
                    + request.getRequestURI() + "\" " + response.getStatus() + " " + micros + "us route="
                    + context.routeId() + " id=" + context.requestId());
        }
    }

    private record AccessLogOnCompletion(HttpServletRequest request, HttpServletResponse response,
                                         RequestContext context) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            logAccess(request, response, context);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
