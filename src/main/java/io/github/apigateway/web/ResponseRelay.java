package io.github.apigateway.web;

import io.github.apigateway.proxy.IdempotentRetry;
import io.github.apigateway.proxy.HopByHopHeaders;
import io.github.apigateway.http.GatewayHeaders;
import io.github.apigateway.http.GatewayException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Relays the upstream response to the client with non-blocking servlet output: status and end-to-end
 * headers as the upstream sent them, then the body as it arrives. Flow control is end to end: the
 * upstream connection is given {@link #WINDOW} more bytes of credit only when what it sent before has
 * been handed to the client connection, so a slow client slows the upstream instead of filling the heap.
 *
 * <p>Threads: the HTTP client's I/O thread delivers the response, container threads report that the
 * client can take more ({@link #onWritePossible}); all servlet response calls happen under this object's
 * lock, and credit is granted outside it so the two libraries' locks are never nested.
 */
final class ResponseRelay implements AsyncResponseConsumer<Void>, WriteListener {

    private static final int WINDOW = 64 * 1024;
    /** The gateway's own headers, which an error answer keeps while the upstream's are dropped. */
    private static final List<String> KEPT_ON_ERROR = List.of(GatewayHeaders.REQUEST_ID,
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    private static final Set<String> REPLACED = HopByHopHeaders.caseInsensitive(List.of(
            "Content-Length", "Via", GatewayHeaders.REQUEST_ID));

    private final HttpServletResponse response;
    private final AsyncContext async;
    private final ServletOutputStream output;
    private final String requestId;
    private final Consumer<Throwable> onClientFailure;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();

    private FutureCallback<Void> resultCallback;
    private CapacityChannel capacity;
    private boolean creditOwed;
    private boolean bodyEnded;
    private boolean completed;
    private HttpResponse unappliedHead;
    private boolean headApplied;

    ResponseRelay(HttpServletResponse response, AsyncContext async, String requestId,
                  Consumer<Throwable> onClientFailure) throws IOException {
        this.response = response;
        this.async = async;
        this.output = response.getOutputStream();
        this.requestId = requestId;
        this.onClientFailure = onClientFailure;
        output.setWriteListener(this);
    }

    @Override
    public void consumeResponse(HttpResponse upstream, EntityDetails entity, HttpContext context,
                                FutureCallback<Void> resultCallback) throws IOException {
        context.setAttribute(IdempotentRetry.RESPONSE_STARTED, Boolean.TRUE);
        synchronized (this) {
            this.resultCallback = resultCallback;
            if (completed) {
                throw clientGone();
            }
            if (entity == null) {
                try {
                    applyHead(upstream);
                } catch (RuntimeException e) {
                    throw new IOException("The client response refused the upstream's head", e);
                }
                bodyEnded = true;
                drain();
            } else {
                // Applied with the first body bytes: until then a failure can still answer with the
                // gateway's own error without resetting the response, which Tomcat 10.1 leaves unable
                // to write in non-blocking mode.
                unappliedHead = upstream;
            }
        }
        if (entity == null) {
            resultCallback.completed(null);
        }
    }

    private void applyHead(HttpResponse upstream) {
        headApplied = true;
        response.setStatus(upstream.getCode());
        copyEndToEndHeaders(upstream);
    }

    private void copyEndToEndHeaders(HttpResponse upstream) {
        HopByHopHeaders hopByHop = HopByHopHeaders.of(Arrays.stream(upstream.getHeaders("Connection"))
                .map(Header::getValue).toList());
        Set<String> copied = HopByHopHeaders.caseInsensitive(List.of());
        for (Header header : upstream.getHeaders()) {
            String name = header.getName();
            if (hopByHop.contains(name) || REPLACED.contains(name)) {
                continue;
            }
            // The first value replaces what the container set in advance (Date, Server); later values
            // of the same name (Set-Cookie) are added beside it.
            if (copied.add(name)) {
                response.setHeader(name, header.getValue());
            } else {
                response.addHeader(name, header.getValue());
            }
        }
        Header contentLength = upstream.getFirstHeader("Content-Length");
        if (contentLength != null) {
            try {
                response.setContentLengthLong(Long.parseLong(contentLength.getValue().trim()));
            } catch (NumberFormatException ignored) {
                // The HTTP client already refused a malformed length; nothing usable to pass on.
            }
        }
        Header[] via = upstream.getHeaders("Via");
        response.setHeader("Via", via.length == 0 ? UpstreamRequests.VIA
                : String.join(", ", Arrays.stream(via).map(Header::getValue).toList()) + ", " + UpstreamRequests.VIA);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers end at the gateway: the container speaks for itself to the client (100-continue).
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        boolean grantNow;
        synchronized (this) {
            capacity = channel;
            grantNow = pending.isEmpty();
            creditOwed = !grantNow;
        }
        if (grantNow) {
            channel.update(WINDOW);
        }
    }

    @Override
    public void consume(ByteBuffer data) throws IOException {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        CapacityChannel grant;
        synchronized (this) {
            if (completed) {
                throw clientGone();
            }
            // Each chunk is its own array: a non-blocking servlet write may keep a reference to it.
            pending.add(chunk);
            grant = drain();
        }
        grantCredit(grant);
    }

    /**
     * Failing the exchange makes the HTTP client close the upstream connection: with the rest of the
     * response still on the wire it must never go back to the pool, where the next request would read
     * it as its own response.
     */
    private static IOException clientGone() {
        return new IOException("The client side of the exchange has ended; discarding the upstream connection");
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        FutureCallback<Void> callback;
        synchronized (this) {
            bodyEnded = true;
            drain();
            callback = resultCallback;
        }
        callback.completed(null);
    }

    @Override
    public void onWritePossible() {
        CapacityChannel grant;
        synchronized (this) {
            grant = drain();
        }
        grantCredit(grant);
    }

    @Override
    public void onError(Throwable failure) {
        onClientFailure.accept(failure);
    }

    /**
     * Writes what the client connection can take now and completes the exchange when all is written.
     * Must hold the lock.
     *
     * @return the channel to grant credit on, once outside the lock, or null
     */
    private CapacityChannel drain() {
        try {
            if (unappliedHead != null && (!pending.isEmpty() || bodyEnded)) {
                HttpResponse head = unappliedHead;
                unappliedHead = null;
                applyHead(head);
            }
            boolean wrote = false;
            while (!pending.isEmpty()) {
                if (!output.isReady()) {
                    return null;
                }
                output.write(pending.poll());
                wrote = true;
            }
            if (bodyEnded) {
                if (!completed && output.isReady()) {
                    completed = true;
                    completeQuietly();
                }
            } else if (wrote && output.isReady()) {
                // Send what the upstream sent now, as it sent it (server-sent events, long polls),
                // instead of letting the container hold it until its buffer fills.
                output.flush();
            }
        } catch (IOException | RuntimeException e) {
            onClientFailure.accept(e);
            return null;
        }
        if (creditOwed) {
            creditOwed = false;
            return capacity;
        }
        return null;
    }

    private static void grantCredit(CapacityChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.update(WINDOW);
        } catch (IOException ignored) {
            // The upstream connection is already gone; its failure reaches ProxyExchange separately.
        }
    }

    /**
     * Answers with the gateway's own error when nothing of the upstream response reached the client yet;
     * otherwise the client connection is aborted, so a truncated body can never pass for a whole one.
     */
    void fail(GatewayException error) {
        synchronized (this) {
            if (completed) {
                return;
            }
            if (response.isCommitted()) {
                abortClientConnection();
                return;
            }
            pending.clear();
            unappliedHead = null;
            if (headApplied) {
                resetKeepingTheGatewaysHeaders();
            }
            pending.add(ErrorResponses.prepare(response, error, requestId));
            bodyEnded = true;
            drain();
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
    void abortClientConnection() {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            pending.clear();
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
    }

    private void failOnContainerThread() {
        try {
            async.getRequest().setAttribute(AbortedResponse.ATTRIBUTE, new AbortedResponse(requestId));
            async.dispatch();
        } catch (IllegalStateException alreadyEnded) {
            completeQuietly();
        }
    }

    /**
     * Ends the exchange after the container reported an error on it: usually the client went away, but
     * a container stopping under a request reports the same while the client still waits. Completing an
     * uncommitted response would send the default 200 with no body, a success that is none, so such a
     * client gets a 503 and a closed connection instead; a client that is gone never reads it.
     */
    void endAfterClientFailure() {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            pending.clear();
            if (!response.isCommitted()) {
                answerUnavailable();
            }
            completeQuietly();
        }
    }

    private void resetKeepingTheGatewaysHeaders() {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_ON_ERROR) {
            if (response.getHeader(name) != null) {
                kept.put(name, response.getHeader(name));
            }
        }
        response.reset();
        kept.forEach(response::setHeader);
    }

    private void answerUnavailable() {
        try {
            unappliedHead = null;
            if (headApplied) {
                resetKeepingTheGatewaysHeaders();
            }
            response.setHeader("Connection", "close");
            byte[] body = ErrorResponses.prepare(response, new GatewayException(503, "service_unavailable",
                    "The gateway ended the request before the upstream answered."), requestId);
            output.write(body);
        } catch (IOException | RuntimeException clientGone) {
            // Nobody is reading; completing below releases the exchange all the same.
        }
    }

    private void completeQuietly() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            // The container ended the exchange first (client gone, connection aborted): nothing to do.
        }
    }

    @Override
    public void failed(Exception cause) {
        // Reported to ProxyExchange through the exchange's callback, which decides the answer.
    }

    @Override
    public void releaseResources() {
    }
}
