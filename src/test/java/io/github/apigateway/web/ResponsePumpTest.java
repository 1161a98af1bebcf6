package io.github.apigateway.web;

import io.github.apigateway.config.ResponseTransform;
import io.github.apigateway.http.GatewayException;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponsePumpTest {

    private static final GatewayException UNAVAILABLE = new GatewayException(503, "service_unavailable",
            "The gateway ended the request before the upstream answered.");
    private static final EntityDetails CHUNKED = new BasicEntityDetails(-1, ContentType.TEXT_PLAIN);

    private final FakeClientExchange client = new FakeClientExchange();
    private final List<Throwable> clientFailures = new ArrayList<>();
    private final List<Integer> credit = new ArrayList<>();
    private final CapacityChannel upstreamConnection = credit::add;
    private final ResponsePump pump;

    ResponsePumpTest() throws IOException {
        pump = new ResponsePump(client.response, client.end(), "req-1", clientFailures::add,
                head -> head.getCode() == 503, ResponseTransform.NONE);
    }

    private static BasicHttpResponse upstreamHead(int status, String... nameValues) {
        BasicHttpResponse head = new BasicHttpResponse(status);
        for (int i = 0; i < nameValues.length; i += 2) {
            head.addHeader(nameValues[i], nameValues[i + 1]);
        }
        return head;
    }

    private void head(BasicHttpResponse head, EntityDetails entity) throws Exception {
        pump.consumeResponse(head, entity, new BasicHttpContext(), NO_RESULT);
    }

    private void body(String text) throws IOException {
        pump.consume(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final FutureCallback<Void> NO_RESULT = new FutureCallback<>() {
        @Override
        public void completed(Void result) {
        }

        @Override
        public void failed(Exception ex) {
        }

        @Override
        public void cancelled() {
        }
    };

    @Test
    void theHeadWaitsForTheFirstBodyBytes() throws Exception {
        head(upstreamHead(201, "X-Upstream", "1"), CHUNKED);
        assertEquals(200, client.status);
        body("first");
        assertEquals(201, client.status);
        assertEquals(List.of("1"), client.headers.get("X-Upstream"));
    }

    @Test
    void aHeadDroppedForARetryFailsItsTryAndLeavesThePumpForTheNextTrysAnswer() throws Exception {
        assertThrows(IOException.class, () -> head(upstreamHead(503), CHUNKED));
        assertEquals(200, client.status);
        head(upstreamHead(204), null);
        assertEquals(204, client.status);
        assertEquals(1, client.completions);
    }

    @Test
    void aResponseWithoutBodyIsAppliedAndCompletedAtOnce() throws Exception {
        head(upstreamHead(204), null);
        assertEquals(204, client.status);
        assertEquals(1, client.completions);
    }

    @Test
    void aPartOfAStreamedBodyIsFlushedAtOnce() throws Exception {
        head(upstreamHead(200), CHUNKED);
        body("data: event\n\n");
        assertEquals(1, client.output.flushes);
        assertEquals("data: event\n\n", client.output.text());
    }

    @Test
    void aBodyWhoseDeclaredLengthHasArrivedGoesOutWithTheCompletionUnflushed() throws Exception {
        String kibibyte = "k".repeat(1024);
        head(upstreamHead(200, "Content-Length", "1024"), new BasicEntityDetails(1024, ContentType.TEXT_PLAIN));
        body(kibibyte);
        pump.streamEnd(null);
        assertEquals(0, client.output.flushes);
        assertEquals(1, client.output.writes.size());
        assertEquals(1024, client.contentLength);
        assertEquals(1, client.completions);
    }

    @Test
    void creditIsGrantedAtOnceWhenTheClientHasTakenEverything() throws Exception {
        head(upstreamHead(200), CHUNKED);
        body("taken");
        pump.updateCapacity(upstreamConnection);
        assertEquals(List.of(64 * 1024), credit);
    }

    @Test
    void creditWaitsUntilThePreviousBytesReachedTheClient() throws Exception {
        head(upstreamHead(200), CHUNKED);
        client.output.ready = false;
        body("queued");
        pump.updateCapacity(upstreamConnection);
        assertEquals(List.of(), credit);
        client.output.ready = true;
        pump.onWritePossible();
        assertEquals(List.of(64 * 1024), credit);
        assertEquals("queued", client.output.text());
    }

    @Test
    void aFailureBeforeTheBodyAnswersWithTheGatewaysErrorWithoutAReset() throws Exception {
        head(upstreamHead(200, "X-Upstream", "1"), CHUNKED);
        pump.fail(new GatewayException(502, "bad_gateway", "The upstream service failed to answer."));
        assertEquals(0, client.resets);
        assertEquals(502, client.status);
        assertTrue(client.output.text().contains("\"error\":\"bad_gateway\""), client.output.text());
        assertEquals(1, client.completions);
    }

    @Test
    void aFailureAfterTheHeadWasAppliedResetsItKeepingTheRequestId() throws Exception {
        client.response.setHeader("X-Request-Id", "req-1");
        head(upstreamHead(200, "X-Upstream", "1"), CHUNKED);
        client.output.ready = false;
        body("unsent");
        pump.fail(new GatewayException(504, "gateway_timeout", "The upstream service did not answer in time."));
        assertEquals(1, client.resets);
        assertEquals(504, client.status);
        assertEquals(null, client.headers.get("X-Upstream"));
        assertEquals(List.of("req-1"), client.headers.get("X-Request-Id"));
    }

    @Test
    void aFailureAfterTheResponseWasCommittedAbortsTheClientConnection() throws Exception {
        head(upstreamHead(200), CHUNKED);
        body("part");
        pump.fail(new GatewayException(502, "bad_gateway", "The upstream service failed to answer."));
        assertEquals(-1, client.sentError);
        assertEquals(0, client.completions);
    }

    @Test
    void bytesArrivingAfterTheClientLeftFailTheUpstreamExchange() throws Exception {
        head(upstreamHead(200), CHUNKED);
        body("part");
        pump.endAfterClientFailure(UNAVAILABLE);
        assertThrows(IOException.class, () -> body("more"));
    }

    @Test
    void aClientErrorBeforeTheUpstreamAnsweredGetsTheErrorAndAClosedConnection() throws Exception {
        pump.endAfterClientFailure(UNAVAILABLE);
        assertEquals(503, client.status);
        assertEquals(List.of("close"), client.headers.get("Connection"));
        assertEquals(1, client.completions);
    }

    @Test
    void bytesArrivingAfterTheContainerEndedTheExchangeFailTheUpstreamExchange() throws Exception {
        head(upstreamHead(200), CHUNKED);
        body("part");
        assertTrue(pump.endedByTheContainer());
        assertThrows(IOException.class, () -> body("more"));
    }

    @Test
    void anExchangeThePumpCompletedWasNotEndedByTheContainer() throws Exception {
        head(upstreamHead(204), null);
        assertFalse(pump.endedByTheContainer());
    }
}
