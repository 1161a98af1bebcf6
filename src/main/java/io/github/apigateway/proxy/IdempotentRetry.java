package io.github.apigateway.proxy;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;

/**
 * Retries a request once on a fresh connection when a pooled keep-alive connection turned out to be
 * closed by the upstream before it answered: the race every pooling proxy meets when an upstream drops
 * idle connections. Only idempotent methods (RFC 9110 section 9.2.2) are retried, as nginx's
 * {@code proxy_next_upstream} does, and only before any of the response reached the relay; the HTTP
 * client itself refuses to repeat a streamed body. Timeouts and refused connections are never retried.
 */
public final class IdempotentRetry implements HttpRequestRetryStrategy {

    /** Set on the exchange's context once the response head arrived: from then on it must not be retried. */
    public static final String RESPONSE_STARTED = IdempotentRetry.class.getName() + ".responseStarted";

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    @Override
    public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
        return execCount <= 1
                && IDEMPOTENT.contains(request.getMethod())
                && context.getAttribute(RESPONSE_STARTED) == null
                && (failure instanceof NoHttpResponseException
                || failure instanceof ConnectionClosedException
                || (failure instanceof SocketException && !(failure instanceof ConnectException)));
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
