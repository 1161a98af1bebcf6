package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The ways the proxy ends the client's side of an exchange: complete it, abort its connection, or
 * answer with an error and close when the container reported a failure first. Each container reacts to these calls in its own way
 * once the response is committed or the async cycle is over; the quirks are handled here, where each
 * was found by a failing test.
 *
 * <p>Threads: called by {@link ResponsePump} under its lock, so at most one ending runs at a time.
 */
record ClientExchangeEnd(HttpServletResponse response, AsyncContext async, String requestId) {

    void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            // The container ended the exchange first (client gone, connection aborted): nothing to do.
        }
    }

    /**
     * Ends the exchange after the upstream response broke off mid-body. The client connection must be
     * closed, not completed: completing would end a chunked body with its last chunk and pass the
     * truncated response off as whole. Servlet has no abort, so this uses what each container does:
     * Jetty closes the connection on {@code sendError(-1)}; Tomcat refuses that once the response is
     * committed, but closes the connection when a servlet fails after the commit, so there the exchange
     * is dispatched back to the proxy servlet, which throws {@link AbortedResponse}.
     */
    void abortConnection() {
        try {
            response.sendError(-1);
        } catch (IllegalStateException | IOException refused) {
            failOnContainerThread();
            return;
        }
        // Jetty's abort completes no async cycle, so no listener hears of the end: report it here, or
        // the access log would miss the request and a stop would wait for it.
        RequestContext.of(async.getRequest()).exchangeEnded();
    }

    private void failOnContainerThread() {
        try {
            async.getRequest().setAttribute(AbortedResponse.ATTRIBUTE, new AbortedResponse(requestId));
            async.dispatch();
        } catch (IllegalStateException alreadyEnded) {
            complete();
        }
    }

    /**
     * Ends the exchange after the container reported an error on it: usually the client went away, but
     * a container stopping under a request reports the same while the client still waits, and a client
     * whose request body broke its framing waits for its 400. Completing an uncommitted response would
     * send the default 200 with no body, a success that is none, so the client gets {@code error} and a
     * closed connection instead; a client that is gone never reads it.
     *
     * @param upstreamHeadApplied whether the response holds the upstream's head, which must go first
     */
    void answerAndClose(GatewayException error, boolean upstreamHeadApplied) {
        if (!response.isCommitted()) {
            try {
                if (upstreamHeadApplied) {
                    ClientResponseHeads.resetKeepingTheGatewaysHeaders(response);
                }
                response.setHeader("Connection", "close");
                byte[] body = ErrorResponses.prepare(response, error, requestId);
                response.getOutputStream().write(body);
            } catch (IOException | RuntimeException clientGone) {
                // Nobody is reading; completing below releases the exchange all the same.
            }
        }
        complete();
    }
}
