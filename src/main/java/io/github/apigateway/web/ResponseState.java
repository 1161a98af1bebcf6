package io.github.apigateway.web;

/** Where the client's response to a proxied request stands ({@link ResponsePump}). It only moves down this list. */
enum ResponseState {
    /** Nothing of the upstream's response has arrived. */
    AWAITING_HEAD,
    /**
     * The upstream's head arrived with a body to follow. It is applied with the first body bytes:
     * until then a failure can still answer with the gateway's own error without resetting the
     * response, which Tomcat 10.1 leaves unable to write in non-blocking mode.
     */
    HEAD_HELD,
    /** The upstream's head is applied; body bytes pass as they arrive. */
    RELAYING,
    /** The upstream's response has ended; the queued bytes are written, then the exchange completes. */
    ENDING,
    /** The gateway's own error is queued in place of the upstream's response, to complete the same way. */
    ANSWERING_ERROR,
    /** The client's side is over: completed, aborted, or ended by the container. Nothing more is written. */
    DONE;

    /** Whether the client's response holds the upstream's status and headers, which an error answer must reset. */
    boolean holdsUpstreamHead() {
        return this == RELAYING || this == ENDING;
    }

    /** Whether the exchange completes as soon as the queued bytes are written. */
    boolean completesWhenWritten() {
        return this == ENDING || this == ANSWERING_ERROR;
    }
}
