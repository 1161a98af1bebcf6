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
 *
 * <p>A client that fails while its body is still on its way fails the upstream exchange here, on the I/O
 * thread ({@link #abandon}), which makes the HTTP client discard the connection. Cancelling the upstream
 * call is not enough: HttpClient 5's cancel never reaches an exchange on a reused pooled connection (its
 * {@code AsyncConnectExec} replaces the exchange's cancellable with the lease's, already completed), and
 * an upstream waiting for the rest of the body would hold the connection until it gives up.
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
    /** The client's side ended before its body was read whole: the exchange is to fail. */
    private volatile boolean abandoned;
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
        if (!hasBody(request)) {
            return null;
        }
        long length = request.getContentLengthLong();
        RequestBodyProducer producer = new RequestBodyProducer(request.getInputStream(), length, onClientFailure,
                holdForRetry ? HeldRequestBody.forLength(length) : null);
        producer.input.setReadListener(producer);
        return producer;
    }

    /**
     * HTTP/1.1 says a body is there by {@code Content-Length} or {@code Transfer-Encoding} (RFC 9112 §6.3);
     * HTTP/2 and HTTP/3 frame it themselves and may send neither, so there only a stream already at its
     * end has none. Such a body goes to the upstream chunked, whole.
     */
    static boolean hasBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length >= 0) {
            return length > 0;
        }
        if (request.getHeader("Transfer-Encoding") != null) {
            return true;
        }
        return !request.getProtocol().startsWith("HTTP/1.") && !request.getInputStream().isFinished();
    }

    /**
     * A failure to read the client's body (its framing broken, or the client gone) is the client's, told
     * to {@code onClientFailure} first and then thrown, like a failure to write to the upstream, to fail
     * the upstream exchange: the upstream must never take the part that arrived for a whole body.
     */
    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        IOException clientFailure;
        synchronized (this) {
            if (abandoned && !ended) {
                throw new IOException("The client's side of the exchange ended before its request body did");
            }
            clientFailure = relay(channel);
        }
        if (clientFailure != null) {
            onClientFailure.accept(clientFailure);
            throw clientFailure;
        }
    }

    /** @return the failure reading the client's body, or null */
    private IOException relay(DataStreamChannel channel) throws IOException {
        this.channel = channel;
        started = true;
        if (ended || !flushUnsent(channel)) {
            return null;
        }
        while (true) {
            int read;
            try {
                // Tomcat may end a body with onAllDataRead and isReady() false, never returning -1.
                if (input.isFinished()) {
                    read = -1;
                } else if (!input.isReady()) {
                    waitingForClient = true;
                    return null;
                } else {
                    read = input.read(buffer);
                }
            } catch (IOException clientFailure) {
                abandoned = true;
                return clientFailure;
            }
            if (read < 0) {
                ended = true;
                if (held != null) {
                    held.end();
                }
                channel.endStream();
                return null;
            }
            if (held != null) {
                held.add(buffer, read);
            }
            unsent = bufferView.clear().limit(read);
            if (!flushUnsent(channel)) {
                return null;
            }
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
        if (abandoned) {
            return 1;
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

    /**
     * The client's side of the exchange has ended: unless its body was sent whole, the next
     * {@link #produce} fails the upstream exchange.
     */
    void abandon() {
        abandoned = true;
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
