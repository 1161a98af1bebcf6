package io.github.apigateway.proxy;

import io.github.apigateway.http.GatewayException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * The one mapping from a failed upstream call to the client's answer: the upstream too slow is 504, the
 * pool of connections to it exhausted is 503, anything else about it (refused, reset, closed early,
 * malformed response) is 502. Messages say what happened, never how.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static GatewayException toGatewayException(Throwable failure) {
        if (failure instanceof DeadlineTimeoutException) {
            return new GatewayException(503, "service_unavailable",
                    "Too many requests are waiting for the upstream service.");
        }
        if (failure instanceof ConnectTimeoutException) {
            return new GatewayException(504, "gateway_timeout", "The upstream service did not accept a connection in time.");
        }
        if (failure instanceof SocketTimeoutException || failure instanceof TimeoutException
                || failure instanceof InterruptedIOException) {
            return new GatewayException(504, "gateway_timeout", "The upstream service did not answer in time.");
        }
        if (failure instanceof ConnectException) {
            return new GatewayException(502, "bad_gateway", "The upstream service refused the connection.");
        }
        return new GatewayException(502, "bad_gateway", "The upstream service failed to answer.");
    }
}
