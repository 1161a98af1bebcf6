package io.github.apigateway.it.hostile;

/** The attacks whose handling depends on the container in front of the gateway (see {@link Handling}). */
public enum Attack {
    CONTENT_LENGTH_WITH_CHUNKED,
    CHUNKED_WITH_SHORT_CONTENT_LENGTH,
    TWO_CONTENT_LENGTHS,
    CHUNKED_THEN_IDENTITY,
    CHUNKED_ON_A_CONTINUATION_LINE,
    UNKNOWN_TRANSFER_CODING,
    CHUNKED_AFTER_A_TAB,
    BARE_LINE_FEEDS_IN_CHUNKS,
    CHUNK_SIZE_BEYOND_64_BITS,
    CHUNK_SIZE_OVERFLOWING_AN_INT,
    HEADER_OF_64_KIB,
    URI_OF_16_KIB
}
