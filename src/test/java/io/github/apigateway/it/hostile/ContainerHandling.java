package io.github.apigateway.it.hostile;

import io.github.apigateway.it.EmbeddedContainer;
import io.github.apigateway.it.hostile.Handling.Normalised;
import io.github.apigateway.it.hostile.Handling.NormalisedThenPipelined;
import io.github.apigateway.it.hostile.Handling.RefusedByContainer;
import io.github.apigateway.it.hostile.Handling.RefusedByGateway;

import java.util.EnumMap;
import java.util.Map;

import static io.github.apigateway.it.hostile.Attack.BARE_LINE_FEEDS_IN_CHUNKS;
import static io.github.apigateway.it.hostile.Attack.CHUNKED_AFTER_A_TAB;
import static io.github.apigateway.it.hostile.Attack.CHUNKED_ON_A_CONTINUATION_LINE;
import static io.github.apigateway.it.hostile.Attack.CHUNKED_THEN_IDENTITY;
import static io.github.apigateway.it.hostile.Attack.CHUNKED_WITH_SHORT_CONTENT_LENGTH;
import static io.github.apigateway.it.hostile.Attack.CHUNK_SIZE_BEYOND_64_BITS;
import static io.github.apigateway.it.hostile.Attack.CHUNK_SIZE_OVERFLOWING_AN_INT;
import static io.github.apigateway.it.hostile.Attack.CONTENT_LENGTH_WITH_CHUNKED;
import static io.github.apigateway.it.hostile.Attack.HEADER_OF_64_KIB;
import static io.github.apigateway.it.hostile.Attack.TWO_CONTENT_LENGTHS;
import static io.github.apigateway.it.hostile.Attack.UNKNOWN_TRANSFER_CODING;
import static io.github.apigateway.it.hostile.Attack.URI_OF_16_KIB;

/** How Jetty 12 and Tomcat 10.1/11, with their default connector settings, handle each attack in front of the gateway. */
final class ContainerHandling {

    private static final Handling MALFORMED_BODY = new RefusedByGateway(400, "bad_request");

    private ContainerHandling() {
    }

    static Map<Attack, Handling> of(EmbeddedContainer container) {
        return container == EmbeddedContainer.JETTY ? jetty() : tomcat();
    }

    /**
     * Jetty 12 refuses every ambiguous head itself (RFC 9110 compliance mode) and reads a bare LF in chunk
     * framing as a line end (RFC 9112 §2.2 allows it), so what follows such a body is the next request.
     */
    private static Map<Attack, Handling> jetty() {
        Map<Attack, Handling> handling = new EnumMap<>(Attack.class);
        handling.put(CONTENT_LENGTH_WITH_CHUNKED, new RefusedByContainer(400));
        handling.put(CHUNKED_WITH_SHORT_CONTENT_LENGTH, new RefusedByContainer(400));
        handling.put(TWO_CONTENT_LENGTHS, new RefusedByContainer(400));
        handling.put(CHUNKED_THEN_IDENTITY, new RefusedByContainer(400));
        handling.put(CHUNKED_ON_A_CONTINUATION_LINE, new RefusedByContainer(400));
        handling.put(UNKNOWN_TRANSFER_CODING, new RefusedByContainer(400));
        handling.put(CHUNKED_AFTER_A_TAB, new RefusedByContainer(400));
        handling.put(BARE_LINE_FEEDS_IN_CHUNKS, new NormalisedThenPipelined("hello"));
        handling.put(CHUNK_SIZE_BEYOND_64_BITS, MALFORMED_BODY);
        handling.put(CHUNK_SIZE_OVERFLOWING_AN_INT, MALFORMED_BODY);
        handling.put(HEADER_OF_64_KIB, new RefusedByContainer(431));
        handling.put(URI_OF_16_KIB, new RefusedByContainer(414));
        return handling;
    }

    /**
     * Tomcat reads chunked over a Content-Length (RFC 9112 §6.3 allows it) and lets the gateway see broken
     * chunk framing; it answers 400 for any head too large.
     */
    private static Map<Attack, Handling> tomcat() {
        Map<Attack, Handling> handling = new EnumMap<>(Attack.class);
        handling.put(CONTENT_LENGTH_WITH_CHUNKED, new Normalised(""));
        handling.put(CHUNKED_WITH_SHORT_CONTENT_LENGTH, new Normalised("hello"));
        handling.put(TWO_CONTENT_LENGTHS, new RefusedByContainer(400));
        handling.put(CHUNKED_THEN_IDENTITY, new RefusedByContainer(400));
        handling.put(CHUNKED_ON_A_CONTINUATION_LINE, MALFORMED_BODY);
        handling.put(UNKNOWN_TRANSFER_CODING, new RefusedByContainer(501));
        handling.put(CHUNKED_AFTER_A_TAB, new Normalised("hello"));
        handling.put(BARE_LINE_FEEDS_IN_CHUNKS, MALFORMED_BODY);
        handling.put(CHUNK_SIZE_BEYOND_64_BITS, MALFORMED_BODY);
        handling.put(CHUNK_SIZE_OVERFLOWING_AN_INT, MALFORMED_BODY);
        handling.put(HEADER_OF_64_KIB, new RefusedByContainer(400));
        handling.put(URI_OF_16_KIB, new RefusedByContainer(400));
        return handling;
    }
}
