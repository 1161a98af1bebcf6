package io.github.apigateway.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams the client's request body to the upstream with flow control in both directions: the HTTP
 * client asks for data when its connection can take more ({@link #produce}), and the servlet container
 * says when the client has sent more ({@link #onDataAvailable}). At most one read buffer is held, so a
 * 1 GiB upload needs no more memory than a 1 KiB one. A body that may be retried once sent is also
 * copied into a {@link HeldRequestBody} as it streams, up to its limit.
 *
 * <p>Threads: {@code produce} and {@code available} run on the HTTP client's I/O thread, under this
 * object's lock, which guards the read state; the servlet stream is only read there. The listener
 * methods run on container threads and take no lock: they only wake the I/O side through the volatile
 * fields. Tomcat calls them holding its socket's lock, which its own {@code isReady()} takes when called
 * off a container thread, so a listener waiting for this object's lock deadlocks both sides. A wake-up
 * racing with {@code produce} is not lost: the HTTP client calls {@code produce} again for an output
 * request made while it ran.
 */
final class RequestBodyProducer implements AsyncEntityProducer, ReadListener {

    private static final int BUFFER_SIZE = 16 * 1024;

    private final ServletInputStream input;
    private final long contentLength;
    private final Consumer<Throwable> onClientFailure;
    /** The copy for a retry, or null when the request will not be retried once sent. */
    private final HeldRequestBody held;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    /** The buffer as the HTTP client reads it; one view for every read, nothing allocated per chunk. */
    private final ByteBuffer bufferView = ByteBuffer.wrap(buffer);

    private volatile DataStreamChannel channel;
    private volatile boolean waitingForClient;
    private ByteBuffer unsent;
    private boolean ended;
    private boolean started;

    private RequestBodyProducer(ServletInputStream input, long contentLength, Consumer<Throwable> onClientFailure,
                                HeldRequestBody held) {
        this.input = input;
        this.contentLength = contentLength;
        this.onClientFailure = onClientFailure;
        this.held = held;
    }

    /**
     * The producer for the request's body, or null when the request has none.
     *
     * @param holdForRetry whether to keep a copy (up to {@link HeldRequestBody#LIMIT}) for a retry once sent
     */
    static RequestBodyProducer of(HttpServletRequest request, Consumer<Throwable> onClientFailure,
                                  boolean holdForRetry) throws IOException {
        long length = request.getContentLengthLong();
        boolean hasBody = length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
        if (!hasBody) {
            return null;
        }
        RequestBodyProducer producer = new RequestBodyProducer(request.getInputStream(), length, onClientFailure,
                holdForRetry ? HeldRequestBody.forLength(length) : null);
        producer.input.setReadListener(producer);
        return producer;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        synchronized (this) {
            this.channel = channel;
            started = true;
            if (ended || !flushUnsent(channel)) {
                return;
            }
            while (input.isReady()) {
                int read = input.read(buffer);
                if (read < 0) {
                    ended = true;
                    if (held != null) {
                        held.end();
                    }
                    channel.endStream();
                    return;
                }
                if (held != null) {
                    held.add(buffer, read);
                }
                unsent = bufferView.clear().limit(read);
                if (!flushUnsent(channel)) {
                    return;
                }
            }
            waitingForClient = true;
        }
    }

    /** @return whether all of the last read was accepted, so the buffer may be read into again */
    private boolean flushUnsent(DataStreamChannel channel) throws IOException {
        if (unsent != null) {
            channel.write(unsent);
            if (unsent.hasRemaining()) {
                return false;
            }
            unsent = null;
        }
        return true;
    }

    /** Whether the body can go to another instance: none of it was read yet, or all of it is held. */
    synchronized boolean canBeSentAgain() {
        return !started || (held != null && held.isWhole());
    }

    /** The body for the next try; {@link #canBeSentAgain} must hold. */
    synchronized AsyncEntityProducer forNextTry() {
        return started ? held.replay() : this;
    }

    @Override
    public synchronized int available() {
        if (unsent != null) {
            return unsent.remaining();
        }
        if (ended) {
            return 0;
        }
        // Until produce() has run once there is no channel to wake up later, so ask to be called.
        return channel == null || !waitingForClient ? 1 : 0;
    }

    @Override
    public void onDataAvailable() {
        wakeUp();
    }

    @Override
    public void onAllDataRead() {
        wakeUp();
    }

    private void wakeUp() {
        waitingForClient = false;
        DataStreamChannel toWake = channel;
        if (toWake != null) {
            toWake.requestOutput();
        }
    }

    @Override
    public void onError(Throwable failure) {
        onClientFailure.accept(failure);
    }

    @Override
    public void failed(Exception cause) {
        // The exchange as a whole failed; ProxyExchange answers the client.
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return contentLength < 0;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public void releaseResources() {
    }
}
