package io.github.apigateway.transform;

import java.io.IOException;

/**
 * A JSON body that stopped parsing after part of its rewrite was sent: the response must be cut there,
 * as if the upstream had cut it. An {@link IOException}, so that the HTTP client that delivered the bytes
 * fails the exchange and discards its connection.
 */
public final class BrokenJsonBody extends IOException {

    BrokenJsonBody(long afterBytes, IOException cause) {
        super("The upstream's JSON body does not parse after " + afterBytes + " bytes: " + cause.getMessage(), cause);
    }
}
