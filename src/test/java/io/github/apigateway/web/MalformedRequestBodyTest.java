package io.github.apigateway.web;

import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedRequestBodyTest {

    @Test
    void jettysBadMessageIsAMalformedBody() {
        assertTrue(MalformedRequestBody.isCause(new BadMessageException("Bad chunking")));
    }

    @Test
    void aBadMessageWrappedInAnIoExceptionIsAMalformedBody() {
        assertTrue(MalformedRequestBody.isCause(new IOException(new BadMessageException("Bad chunking"))));
    }

    @Test
    void aClientThatWentAwayIsNoMalformedBody() {
        assertFalse(MalformedRequestBody.isCause(new EOFException("early EOF")));
    }

    @Test
    void noFailureAtAllIsNoMalformedBody() {
        assertFalse(MalformedRequestBody.isCause(null));
    }
}
