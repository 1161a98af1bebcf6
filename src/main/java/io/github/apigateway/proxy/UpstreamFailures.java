package io.github.apigateway.proxy;

import io.github.apigateway.http.GatewayException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed upstream call means: whether it reached the instance, whether it counts against the
 * instance, and the one mapping to the client's answer: the upstream too slow is 504, the pool of
 * connections to it exhausted is 503, anything else about it (refused, reset, closed early, malformed
 * response) is 502. Messages say what happened, never how.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** 502, 503 and 504 answers count as the instance's failures, as in nginx's {@code proxy_next_upstream}. */
    public static boolean isFailureStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** Whether the call failed before any of the request reached the instance: it may go to another. */
    public static boolean nothingSent(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException;
    }

    /**
     * Whether the failure says something about the instance. A full pool of connections says the gateway
     * is waiting on many slow requests, not that this instance is broken, and no other try would fare better.
     */
    public static boolean countsAgainstInstance(Throwable failure) {
        return !(failure instanceof DeadlineTimeoutException);
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
