package io.github.apigateway.it.hostile;

import io.github.apigateway.it.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.github.apigateway.it.hostile.Refusals.assertHandled;

/**
 * Request smuggling (RFC 9112 §6, §7.1): requests whose body framing two parsers could read differently,
 * each followed on the same connection by a second request hidden where one reading puts the body. Each is
 * refused at once (by the container, or by the gateway as JSON), or read one way and forwarded exactly
 * so: the upstream never sees the hidden request nor a body other than the one accepted.
 */
public interface RequestSmugglingTests extends HostileTarget {

    /** A malformed request is answered at once, not after a timeout. */
    Duration ANSWER_DEADLINE = Duration.ofSeconds(5);

    /** Sends a POST with the given framing, then a hidden GET on the same connection, and checks the handling. */
    private void smuggle(Attack attack, String headLines, String body) throws IOException, InterruptedException {
        String hidden = "GET " + RawHttp.path(gateway(), "/api/smuggled") + " HTTP/1.1\r\nHost: "
                + gateway().getHost() + "\r\n\r\n";
        String request = "POST " + RawHttp.path(gateway(), "/api/upload") + " HTTP/1.1\r\nHost: "
                + gateway().getHost() + ":" + gateway().getPort() + "\r\n" + headLines + "\r\n" + body + hidden;
        RawHttp.Response response = RawHttp.exchange(gateway(), request.getBytes(StandardCharsets.ISO_8859_1), ANSWER_DEADLINE);
        assertHandled(handling(attack), response, upstream());
    }

    @Test
    default void contentLengthWithChunkedIsRefusedOrReadAsChunked() throws Exception {
        smuggle(Attack.CONTENT_LENGTH_WITH_CHUNKED, "Content-Length: 40\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n");
    }

    @Test
    default void chunkedWithAShortContentLengthIsRefusedOrReadAsChunked() throws Exception {
        smuggle(Attack.CHUNKED_WITH_SHORT_CONTENT_LENGTH, "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
                "5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    default void twoDifferentContentLengthsAreRefused() throws Exception {
        smuggle(Attack.TWO_CONTENT_LENGTHS, "Content-Length: 5\r\nContent-Length: 60\r\n", "hello");
    }

    @Test
    default void chunkedFollowedByIdentityIsRefused() throws Exception {
        smuggle(Attack.CHUNKED_THEN_IDENTITY, "Transfer-Encoding: chunked, identity\r\n", "5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    default void chunkedFoldedOntoAContinuationLineIsRefused() throws Exception {
        smuggle(Attack.CHUNKED_ON_A_CONTINUATION_LINE, "Content-Length: 5\r\nTransfer-Encoding:\r\n chunked\r\n", "hello");
    }

    @Test
    default void anUnknownTransferCodingIsRefused() throws Exception {
        smuggle(Attack.UNKNOWN_TRANSFER_CODING, "Content-Length: 5\r\nTransfer-Encoding: xchunked\r\n", "hello");
    }

    @Test
    default void capitalisedChunkedAfterATabIsReadAsChunked() throws Exception {
        smuggle(Attack.CHUNKED_AFTER_A_TAB, "Content-Length: 3\r\nTransfer-Encoding:\tChunked\r\n", "5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    default void chunkFramingWithBareLineFeedsIsRefusedOrReadAsLineEnds() throws Exception {
        smuggle(Attack.BARE_LINE_FEEDS_IN_CHUNKS, "Transfer-Encoding: chunked\r\n", "5\nhello\n0\n\n");
    }

    @Test
    default void aChunkSizeBeyondSixtyFourBitsIsRefused() throws Exception {
        smuggle(Attack.CHUNK_SIZE_BEYOND_64_BITS, "Transfer-Encoding: chunked\r\n", "10000000000000005\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    default void aChunkSizeThatOverflowsAnIntegerIsRefused() throws Exception {
        smuggle(Attack.CHUNK_SIZE_OVERFLOWING_AN_INT, "Transfer-Encoding: chunked\r\n", "fffffffff\r\nhello\r\n0\r\n\r\n");
    }
}
