package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import io.github.apigateway.proxy.ClientResponseHead;
import io.github.apigateway.config.ResponseTransform;
import io.github.apigateway.proxy.ResponseHeaderPolicy;
import io.github.apigateway.proxy.UpstreamFailures;
import io.github.apigateway.transform.BrokenJsonBody;
import io.github.apigateway.transform.JsonBodyRewrite;
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
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.github.apigateway.web.ResponseState.ANSWERING_ERROR;
import static io.github.apigateway.web.ResponseState.AWAITING_HEAD;
import static io.github.apigateway.web.ResponseState.DONE;
import static io.github.apigateway.web.ResponseState.ENDING;
import static io.github.apigateway.web.ResponseState.HEAD_HELD;
import static io.github.apigateway.web.ResponseState.RELAYING;

/**
 * Pumps the upstream response to the client with non-blocking servlet output: the head
 * {@link ResponseHeaderPolicy} chose, then the body as it arrives, both through the route's
 * {@code response_transform} ({@link ResponseTransforms}; a JSON body's head waits until its rewrite
 * knows whether the body changes). Flow control is end to end: the
 * upstream connection is given {@link #WINDOW} more bytes of credit only when what it sent before has
 * been handed to the client connection, so a slow client slows the upstream instead of filling the heap.
 *
 * <p>Threads: the HTTP client's I/O thread delivers the response, container threads report that the
 * client can take more ({@link #onWritePossible}); the state and all servlet response calls are guarded
 * by this object's lock, and credit is granted outside it so the two libraries' locks are never nested.
 *
 * <p>One pump serves all the tries of an exchange: a try whose answer's head is dropped for a retry
 * leaves it waiting for the next head.
 */
final class ResponsePump implements AsyncResponseConsumer<Void>, WriteListener {

    private static final int WINDOW = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(ResponsePump.class.getName());

    private final HttpServletResponse response;
    private final ServletOutputStream output;
    private final ClientExchangeEnd end;
    private final String requestId;
    private final Consumer<Throwable> onClientFailure;
    private final Predicate<HttpResponse> retryInstead;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final ResponseTransform transform;

    private ResponseState state = AWAITING_HEAD;
    private ClientResponseHead heldHead;
    /** The rewrite of the current answer's JSON body, or null when its body passes as it comes. */
    private JsonBodyRewrite bodyRewrite;
    /** Body bytes the upstream declared and has not delivered yet; negative when it declared no length. */
    private long undelivered = -1;
    private FutureCallback<Void> resultCallback;
    /** The upstream connection's channel while its credit waits for the client to take what it sent, else null. */
    private CapacityChannel creditOwedTo;

    /**
     * @param retryInstead told each answer's head first; true drops the answer, as a failed try
     * @param transform    the route's {@code response_transform}
     */
    ResponsePump(HttpServletResponse response, ClientExchangeEnd end, String requestId,
                 Consumer<Throwable> onClientFailure, Predicate<HttpResponse> retryInstead,
                 ResponseTransform transform) throws IOException {
        this.response = response;
        this.transform = transform;
        this.retryInstead = retryInstead;
        this.output = response.getOutputStream();
        this.end = end;
        this.requestId = requestId;
        this.onClientFailure = onClientFailure;
        output.setWriteListener(this);
    }

    @Override
    public void consumeResponse(HttpResponse upstream, EntityDetails entity, HttpContext context,
                                FutureCallback<Void> resultCallback) throws IOException {
        if (retryInstead.test(upstream)) {
            // Failing the try closes its connection, with the rest of the dropped answer on it.
            throw new IOException("Upstream answered " + upstream.getCode() + "; the request goes to another instance");
        }
        ClientResponseHead head = ResponseTransforms.head(transform, ResponseHeaderPolicy.forClient(upstream));
        JsonBodyRewrite rewrite = entity == null ? null : ResponseTransforms.bodyRewrite(transform, upstream, requestId);
        synchronized (this) {
            this.resultCallback = resultCallback;
            if (state == DONE) {
                throw clientGone();
            }
            if (entity != null) {
                heldHead = head;
                bodyRewrite = rewrite;
                undelivered = entity.getContentLength();
                moveTo(HEAD_HELD);
                return;
            }
            try {
                ClientResponseHeads.apply(head, response);
            } catch (RuntimeException e) {
                throw new IOException("The client response refused the upstream's head", e);
            }
            moveTo(ENDING);
            drain();
        }
        resultCallback.completed(null);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers end at the gateway: the container speaks for itself to the client (100-continue).
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        boolean grantNow;
        synchronized (this) {
            grantNow = pending.isEmpty();
            creditOwedTo = grantNow ? null : channel;
        }
        if (grantNow) {
            channel.update(WINDOW);
        }
    }

    @Override
    public void consume(ByteBuffer data) throws IOException {
        // Each chunk is its own array: a non-blocking servlet write may keep a reference to it.
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        CapacityChannel grant;
        synchronized (this) {
            if (state == DONE) {
                throw clientGone();
            }
            if (undelivered > 0) {
                undelivered -= chunk.length;
            }
            queue(bodyRewrite == null ? chunk : rewritten(chunk));
            if (state == HEAD_HELD && (bodyRewrite == null || bodyRewrite.decided())) {
                applyHeldHead(RELAYING);
            }
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

    /** Must hold the lock. @throws BrokenJsonBody after cutting the response */
    private byte[] rewritten(byte[] chunk) throws BrokenJsonBody {
        try {
            return bodyRewrite.accept(chunk);
        } catch (BrokenJsonBody broken) {
            cut(broken);
            throw broken;
        }
    }

    /** A rewritten JSON body that stops parsing ends as if the upstream had cut it there. Must hold the lock. */
    private void cut(BrokenJsonBody broken) {
        LOG.log(System.Logger.Level.WARNING, "Request " + requestId + ": " + broken.getMessage()
                + "; the response is cut there");
        bodyRewrite = null;
        fail(UpstreamFailures.toGatewayException(broken));
    }

    private void queue(byte[] bytes) {
        if (bytes.length > 0) {
            pending.add(bytes);
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        FutureCallback<Void> callback;
        synchronized (this) {
            if (bodyRewrite != null && state != DONE && state != ANSWERING_ERROR) {
                try {
                    queue(bodyRewrite.finish());
                } catch (BrokenJsonBody broken) {
                    cut(broken);
                }
            }
            if (state == HEAD_HELD) {
                applyHeldHead(ENDING);
            } else if (state == RELAYING) {
                moveTo(ENDING);
            }
            drain();
            callback = resultCallback;
        }
        callback.completed(null);
    }

    /** A response that refuses the head is one the client can no longer get: it ends as a client failure. */
    private void applyHeldHead(ResponseState next) {
        ClientResponseHead head = heldHead;
        heldHead = null;
        if (bodyRewrite != null && bodyRewrite.changesBody()) {
            head = new ClientResponseHead(head.status(), head.headers(), -1);
        }
        try {
            ClientResponseHeads.apply(head, response);
        } catch (RuntimeException e) {
            onClientFailure.accept(e);
            return;
        }
        moveTo(next);
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
     * Writes what the client connection can take now and completes the exchange when its end is written.
     * Must hold the lock.
     *
     * @return the channel to grant credit on, once outside the lock, or null
     */
    private CapacityChannel drain() {
        try {
            boolean wrote = false;
            while (!pending.isEmpty()) {
                if (!output.isReady()) {
                    return null;
                }
                output.write(pending.poll());
                wrote = true;
            }
            if (state.completesWhenWritten()) {
                if (output.isReady()) {
                    moveTo(DONE);
                    end.complete();
                }
            } else if (wrote && !allDeclaredBytesArrived() && output.isReady()) {
                // Send what the upstream sent now, as it sent it (server-sent events, long polls),
                // instead of letting the container hold it until its buffer fills.
                output.flush();
            }
        } catch (IOException | RuntimeException e) {
            onClientFailure.accept(e);
            return null;
        }
        CapacityChannel owed = creditOwedTo;
        creditOwedTo = null;
        return owed;
    }

    /**
     * The HTTP client reports the end in the same pass as the last declared byte, and completing sends
     * what is buffered: a flush before it would only split a small response into two writes. A body
     * without a declared length shows its end only in {@link #streamEnd}, so its parts are all flushed.
     */
    private boolean allDeclaredBytesArrived() {
        return undelivered == 0;
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
            if (state == DONE) {
                return;
            }
            if (response.isCommitted()) {
                moveTo(DONE);
                pending.clear();
                end.abortConnection();
                return;
            }
            pending.clear();
            heldHead = null;
            if (state.holdsUpstreamHead()) {
                ClientResponseHeads.resetKeepingTheGatewaysHeaders(response);
            }
            pending.add(ErrorResponses.prepare(response, error, requestId));
            moveTo(ANSWERING_ERROR);
            drain();
        }
    }

    /**
     * Ends the exchange after the container reported an error on it, answering {@code error} if nothing
     * was sent yet (see {@link ClientExchangeEnd#answerAndClose}).
     */
    void endAfterClientFailure(GatewayException error) {
        CapacityChannel owed;
        synchronized (this) {
            if (state == DONE) {
                return;
            }
            boolean upstreamHead = state.holdsUpstreamHead();
            owed = endRelay();
            end.answerAndClose(error, upstreamHead);
        }
        grantCredit(owed);
    }

    /**
     * Called once the container has completed the client's side: if the pump had not ended it itself, the
     * container did, and nothing more is relayed.
     *
     * @return whether the pump had not ended the exchange itself
     */
    boolean endedByTheContainer() {
        CapacityChannel owed;
        synchronized (this) {
            if (state == DONE) {
                return false;
            }
            owed = endRelay();
        }
        grantCredit(owed);
        return true;
    }

    /**
     * Stops relaying for good. Cancelling the upstream call does not always release its connection while
     * the upstream waits for credit, so the credit still owed is returned to the caller to grant: the
     * upstream's next bytes then fail its exchange ({@link #clientGone}), which discards the connection.
     * Must hold the lock.
     */
    private CapacityChannel endRelay() {
        moveTo(DONE);
        pending.clear();
        heldHead = null;
        CapacityChannel owed = creditOwedTo;
        creditOwedTo = null;
        return owed;
    }

    /** A step back would write to a response that has already ended; it is a bug, never a client's doing. */
    private void moveTo(ResponseState next) {
        if (next.compareTo(state) < 0) {
            throw new IllegalStateException("Request " + requestId + ": the response cannot go back from "
                    + state + " to " + next);
        }
        state = next;
    }

    @Override
    public void failed(Exception cause) {
        // Reported to ProxyExchange through the exchange's callback, which decides the answer.
    }

    @Override
    public void releaseResources() {
    }
}
