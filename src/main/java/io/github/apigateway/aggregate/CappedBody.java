package io.github.apigateway.aggregate;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Collects a 2xx answer's body, up to a cap, so that no one service can fill the heap. Any other status,
 * or a body past the cap (declared or counted), fails the exchange at once with {@link RefusedAnswer}:
 * the HTTP client then closes the connection with the rest of the answer on it, and the body is never
 * read.
 *
 * <p>Threads: one exchange's I/O thread calls it; {@link #discard} may come from another, after which the
 * exchange's next bytes fail it.
 */
final class CappedBody implements AsyncResponseConsumer<byte[]> {

    /** An answer the call does not take; the exchange fails with it and its connection is closed. */
    static final class RefusedAnswer extends IOException {

        private final CallError error;
        private final int status;

        RefusedAnswer(CallError error, int status, String message) {
            super(message, null);
            this.error = error;
            this.status = status;
        }

        CallError error() {
            return error;
        }

        int status() {
            return status;
        }
    }

    private final long maxBytes;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private volatile boolean discarded;
    private FutureCallback<byte[]> resultCallback;
    private int status;

    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                FutureCallback<byte[]> resultCallback) throws IOException {
        status = response.getCode();
        if (status < 200 || status > 299) {
            throw new RefusedAnswer(CallError.BAD_STATUS, status, "The upstream answered " + status);
        }
        if (entity != null && entity.getContentLength() > maxBytes) {
            throw tooLarge(status);
        }
        if (entity == null) {
            resultCallback.completed(new byte[0]);
            return;
        }
        this.resultCallback = resultCallback;
    }

    private RefusedAnswer tooLarge(int status) {
        return new RefusedAnswer(CallError.TOO_LARGE, status, "The upstream's answer is larger than " + maxBytes + " bytes");
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer data) throws IOException {
        if (discarded) {
            throw new IOException("The aggregate no longer waits for this call; discarding its connection");
        }
        if (body.size() + (long) data.remaining() > maxBytes) {
            throw tooLarge(status);
        }
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        body.write(chunk, 0, chunk.length);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        resultCallback.completed(body.toByteArray());
    }

    /** The call was cancelled: cancelling does not always stop an exchange that is receiving, this does. */
    void discard() {
        discarded = true;
    }

    @Override
    public void failed(Exception cause) {
    }

    @Override
    public void releaseResources() {
    }
}
