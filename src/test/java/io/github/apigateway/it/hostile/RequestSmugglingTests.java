package io.github.apigateway.it.hostile;

import io.github.apigateway.it.RawHttp;
import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.github.apigateway.it.hostile.Refusals.assertNothingReached;
import static io.github.apigateway.it.hostile.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Request smuggling (RFC 9112 §6, §7.1): requests whose body framing two parsers could read differently,
 * each followed on the same connection by a second request hidden where one reading puts the body. The
 * gateway refuses each with a JSON 400/501 at once, or reads it one way and forwards exactly that; the
 * upstream never sees the hidden request nor a body other than the one accepted.
 */
public interface RequestSmugglingTests extends HostileTarget {

    /** A malformed request is answered at once, not after a timeout. */
    Duration ANSWER_DEADLINE = Duration.ofSeconds(5);

    private RawHttp.Response send(String headLines, String body) throws IOException {
        String hidden = "GET " + RawHttp.path(gateway(), "/api/smuggled") + " HTTP/1.1\r\nHost: "
                + gateway().getHost() + "\r\n\r\n";
        String request = "POST " + RawHttp.path(gateway(), "/api/upload") + " HTTP/1.1\r\nHost: "
                + gateway().getHost() + ":" + gateway().getPort() + "\r\n" + headLines + "\r\n" + body + hidden;
        return RawHttp.exchange(gateway(), request.getBytes(StandardCharsets.ISO_8859_1), ANSWER_DEADLINE);
    }

    @Test
    default void contentLengthWithChunkedIsRefused() throws Exception {
        String body = "0\r\n\r\n";
        RawHttp.Response response = send("Content-Length: 40\r\nTransfer-Encoding: chunked\r\n", body);
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }

    @Test
    default void chunkedWithAShortContentLengthIsRefused() throws Exception {
        RawHttp.Response response = send("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "5\r\nhello\r\n0\r\n\r\n");
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }

    @Test
    default void twoDifferentContentLengthsAreRefused() throws Exception {
        RawHttp.Response response = send("Content-Length: 5\r\nContent-Length: 60\r\n", "hello");
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }

    @Test
    default void chunkedFollowedByIdentityIsRefused() throws Exception {
        RawHttp.Response response = send("Transfer-Encoding: chunked, identity\r\n", "5\r\nhello\r\n0\r\n\r\n");
        assertRefused(response, 501, "not_implemented");
        assertNothingReached(upstream());
    }

    @Test
    default void chunkedFoldedOntoAContinuationLineIsRefused() throws Exception {
        RawHttp.Response response = send("Content-Length: 5\r\nTransfer-Encoding:\r\n chunked\r\n", "hello");
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }

    @Test
    default void anUnknownTransferCodingIsRefused() throws Exception {
        RawHttp.Response response = send("Content-Length: 5\r\nTransfer-Encoding: xchunked\r\n", "hello");
        assertRefused(response, 501, "not_implemented");
        assertNothingReached(upstream());
    }

    @Test
    default void capitalisedChunkedAfterATabIsReadAsChunked() throws Exception {
        RawHttp.Response response = send("Transfer-Encoding:\tChunked\r\n", "5\r\nhello\r\n0\r\n\r\n");
        assertEquals(200, response.status(), response.bodyText());
        RecordingUpstream.Received received = upstream().takeRequest();
        assertEquals("hello", received.bodyText());
        assertNothingReached(upstream());
    }

    @Test
    default void chunkFramingWithBareLineFeedsIsRefused() throws Exception {
        RawHttp.Response response = send("Transfer-Encoding: chunked\r\n", "5\nhello\n0\n\n");
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }

    @Test
    default void aChunkSizeBeyondSixtyFourBitsIsRefused() throws Exception {
        RawHttp.Response response = send("Transfer-Encoding: chunked\r\n", "10000000000000005\r\nhello\r\n0\r\n\r\n");
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }

    @Test
    default void aChunkSizeThatOverflowsAnIntegerIsRefused() throws Exception {
        RawHttp.Response response = send("Transfer-Encoding: chunked\r\n", "fffffffffffffffff\r\nhello\r\n0\r\n\r\n");
        assertRefused(response, 400, "bad_request");
        assertNothingReached(upstream());
    }
}
