package io.github.apigateway.web;

import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;

import java.util.Arrays;

/**
 * A copy of a request body kept as it streams to the first instance, so that a failed try can send it
 * whole to another; a body that grows past {@link #LIMIT} is let go, and its request is not retried
 * once sent. Guarded by the lock of the {@link RequestBodyProducer} that fills it.
 */
final class HeldRequestBody {

    static final int LIMIT = 64 * 1024;
    private static final int INITIAL_CAPACITY = 16 * 1024;

    private final long declaredLength;
    private byte[] bytes;
    private int length;
    private boolean ended;

    /** @param declaredLength the request's Content-Length, negative when it has none */
    private HeldRequestBody(long declaredLength) {
        this.declaredLength = declaredLength;
        this.bytes = new byte[declaredLength >= 0 ? (int) declaredLength : INITIAL_CAPACITY];
    }

    /** @return a holder for a body of this declared length, or null when it is known to be too large */
    static HeldRequestBody forLength(long declaredLength) {
        return declaredLength > LIMIT ? null : new HeldRequestBody(declaredLength);
    }

    void add(byte[] chunk, int count) {
        if (bytes == null) {
            return;
        }
        if (length + count > LIMIT) {
            bytes = null;
            return;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(LIMIT, Math.max(length + count, bytes.length * 2)));
        }
        System.arraycopy(chunk, 0, bytes, length, count);
        length += count;
    }

    void end() {
        ended = true;
    }

    /**
     * The declared length counts as the end: an upstream that read it all may fail the try before the
     * client's end of stream has reached the gateway.
     */
    boolean isWhole() {
        return bytes != null && (ended || length == declaredLength);
    }

    /** Must be whole. */
    AsyncEntityProducer replay() {
        return new BasicAsyncEntityProducer(Arrays.copyOf(bytes, length), null);
    }
}
