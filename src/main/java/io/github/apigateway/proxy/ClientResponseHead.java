package io.github.apigateway.proxy;

import org.apache.hc.core5.http.Header;

import java.util.List;

/**
 * The head of the response the client gets for an upstream response: computed by
 * {@link ResponseHeaderPolicy}, written to the client by the servlet side.
 *
 * @param headers       in the upstream's order; a name may repeat ({@code Set-Cookie})
 * @param contentLength the body's declared length, or -1 when the upstream declared none
 */
public record ClientResponseHead(int status, List<Header> headers, long contentLength) {

    public ClientResponseHead {
        headers = List.copyOf(headers);
    }
}
