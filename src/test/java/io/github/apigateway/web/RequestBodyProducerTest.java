package io.github.apigateway.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBodyProducerTest {

    private final ClientBody client = new ClientBody();
    private final UpstreamChannel upstream = new UpstreamChannel();
    private final List<Throwable> clientFailures = new ArrayList<>();
    private final RequestBodyProducer producer;

    RequestBodyProducerTest() throws IOException {
        producer = RequestBodyProducer.of(requestWithBodyOf(5, client), clientFailures::add, false);
    }

    @Test
    void aClientGoneWhileItsBodyIsAwaitedFailsTheUpstreamExchangeAtTheNextProduce() throws IOException {
        producer.produce(upstream);
        assertEquals(0, producer.available());

        producer.abandon();

        assertTrue(upstream.outputRequested);
        assertEquals(1, producer.available());
        assertThrows(IOException.class, () -> producer.produce(upstream));
    }

    @Test
    void aBodyThatCannotBeReadIsTheClientsFailureAndFailsTheUpstreamExchange() {
        IOException broken = new IOException("Invalid chunk header");
        client.failure = broken;
        client.ready = true;

        IOException thrown = assertThrows(IOException.class, () -> producer.produce(upstream));

        assertSame(broken, thrown);
        assertEquals(List.of(broken), clientFailures);
    }

    @Test
    void aBodySentWholeIsNotFailedByTheClientLeavingAfterwards() throws IOException {
        client.ready = true;
        client.ended = true;
        producer.produce(upstream);
        assertTrue(upstream.ended);

        producer.abandon();

        assertEquals(0, producer.available());
        assertDoesNotThrow(() -> producer.produce(upstream));
    }

    @Test
    void aBodyTheContainerCallsFinishedWithoutAnEndOfStreamEndsTheUpstreamStream() throws IOException {
        client.ready = false;
        client.ended = true;

        producer.produce(upstream);

        assertTrue(upstream.ended, "the upstream exchange completes and its connection goes back to the pool");
    }

    private static HttpServletRequest requestWithBodyOf(long length, ServletInputStream body) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestBodyProducerTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentLengthLong" -> length;
                    case "getInputStream" -> body;
                    default -> null;
                });
    }

    /** The client's body as the container offers it: not ready, ended, or failing. */
    private static final class ClientBody extends ServletInputStream {
        boolean ready;
        boolean ended;
        IOException failure;

        @Override
        public boolean isFinished() {
            return ended;
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }

        @Override
        public int read() throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
    }

    private static final class UpstreamChannel implements DataStreamChannel {
        boolean outputRequested;
        boolean ended;

        @Override
        public void requestOutput() {
            outputRequested = true;
        }

        @Override
        public int write(ByteBuffer src) {
            int written = src.remaining();
            src.position(src.limit());
            return written;
        }

        @Override
        public void endStream() {
            ended = true;
        }

        @Override
        public void endStream(List<? extends Header> trailers) {
            endStream();
        }
    }
}
