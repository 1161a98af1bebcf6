package io.github.apigateway.web;

import io.github.apigateway.aggregate.AggregateListener;
import io.github.apigateway.aggregate.AggregateRequest;
import io.github.apigateway.aggregate.Aggregator;
import io.github.apigateway.aggregate.ComposedJson;
import io.github.apigateway.aggregate.Composition;
import io.github.apigateway.config.Aggregation;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.routing.RouteMatch;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One request on an aggregate route, on the servlet side: goes async, hands the calls to the
 * {@link Aggregator}, and writes its answer with non-blocking output when it comes, on whichever thread
 * it comes (the last call's I/O thread, or the deadline's timer), so no thread waits on the calls or on
 * the client. A HEAD gets the answer's head only. A client that goes away cancels the calls.
 *
 * <p>Threads: the answer, the container's write-possible and error callbacks meet under this object's lock.
 */
final class AggregateExchange implements AggregateListener, WriteListener, AsyncListener {

    private final HttpServletResponse response;
    private final ServletOutputStream output;
    private final AsyncContext async;
    private final String requestId;
    private final boolean headOnly;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    /** Set once the answer is known; guarded by the lock. */
    private boolean answered;
    /** Set once the exchange is completed or abandoned; guarded by the lock. */
    private boolean done;
    private volatile Composition composition;

    private AggregateExchange(HttpServletResponse response, AsyncContext async, String requestId, boolean headOnly)
            throws IOException {
        this.response = response;
        this.output = response.getOutputStream();
        this.async = async;
        this.requestId = requestId;
        this.headOnly = headOnly;
    }

    static void start(HttpServletRequest request, HttpServletResponse response, Aggregator aggregator) throws IOException {
        RequestContext context = RequestContext.of(request);
        RouteMatch match = context.routeMatch();
        Aggregation aggregation = match.route().aggregate().orElseThrow();
        AggregateRequest calls = new AggregateRequest(context.requestId(), context.identity(),
                AggregateRequest.segmentsAfterPrefix(match), ClientRequests.of(request), context.span());
        AsyncContext async = request.startAsync();
        // The aggregation's own deadline bounds the wait; the container's idle timeout bounds a slow client.
        async.setTimeout(0);
        AggregateExchange exchange = new AggregateExchange(response, async, context.requestId(), "HEAD".equals(request.getMethod()));
        async.addListener(exchange);
        exchange.output.setWriteListener(exchange);
        exchange.composition = aggregator.start(aggregation, calls, context.config()::service, exchange);
    }

    @Override
    public void answered(ComposedJson body) {
        synchronized (this) {
            if (done) {
                return;
            }
            response.setStatus(200);
            response.setContentType(ErrorResponses.CONTENT_TYPE);
            response.setContentLengthLong(body.length());
            if (!headOnly) {
                pending.addAll(body.chunks());
            }
            answered = true;
            drain();
        }
    }

    @Override
    public void failed(GatewayException error) {
        synchronized (this) {
            if (done) {
                return;
            }
            byte[] body = ErrorResponses.prepare(response, error, requestId);
            if (!headOnly) {
                pending.add(body);
            }
            answered = true;
            drain();
        }
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            drain();
        }
    }

    /** Writes what the client connection takes now; completes once the whole answer is written. Must hold the lock. */
    private void drain() {
        if (done || !answered) {
            return;
        }
        try {
            while (!pending.isEmpty()) {
                if (!output.isReady()) {
                    return;
                }
                output.write(pending.poll());
            }
            if (output.isReady()) {
                done = true;
                async.complete();
            }
        } catch (IOException | IllegalStateException e) {
            clientFailed();
        }
    }

    @Override
    public void onError(Throwable failure) {
        clientFailed();
    }

    @Override
    public void onError(AsyncEvent event) {
        clientFailed();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientFailed();
    }

    /** The container may end the exchange itself (the client went away): the calls still running stop. */
    @Override
    public void onComplete(AsyncEvent event) {
        cancelCalls();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }

    private void clientFailed() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            pending.clear();
            try {
                async.complete();
            } catch (IllegalStateException alreadyEnded) {
                // The container ended the exchange first: nothing to do.
            }
        }
        cancelCalls();
    }

    private void cancelCalls() {
        Composition running = composition;
        if (running != null) {
            running.cancel();
        }
    }
}
