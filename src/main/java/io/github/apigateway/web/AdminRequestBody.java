package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Reads an admin request's body without blocking a thread on a slow client, up to {@link #LIMIT} (a
 * config is small; more is refused with 413, so nobody fills the heap through the admin API). The
 * container calls the listener on one thread at a time.
 */
final class AdminRequestBody implements ReadListener {

    static final int LIMIT = 1024 * 1024;

    private final ServletInputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private final CompletableFuture<byte[]> read = new CompletableFuture<>();

    private AdminRequestBody(ServletInputStream in) {
        this.in = in;
    }

    /** Starts reading; the request must be in async mode. */
    static CompletableFuture<byte[]> read(ServletInputStream in) {
        AdminRequestBody body = new AdminRequestBody(in);
        in.setReadListener(body);
        return body.read;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (in.isReady() && !read.isDone()) {
            int count = in.read(buffer);
            if (count < 0) {
                return;
            }
            if (bytes.size() + count > LIMIT) {
                read.completeExceptionally(new GatewayException(413, "payload_too_large",
                        "An admin request body may hold at most " + LIMIT + " bytes."));
                return;
            }
            bytes.write(buffer, 0, count);
        }
    }

    @Override
    public void onAllDataRead() {
        read.complete(bytes.toByteArray());
    }

    @Override
    public void onError(Throwable failure) {
        read.completeExceptionally(GatewayException.badRequest("The request body could not be read: " + failure.getMessage()));
    }
}
