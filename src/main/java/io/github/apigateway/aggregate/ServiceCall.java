package io.github.apigateway.aggregate;

import io.github.apigateway.http.GatewayException;
import io.github.apigateway.observability.RequestSpan;
import io.github.apigateway.observability.UpstreamMetrics;
import io.github.apigateway.observability.UpstreamOutcome;
import io.github.apigateway.observability.UpstreamTry;
import io.github.apigateway.proxy.UpstreamAttempts;
import io.github.apigateway.proxy.UpstreamFailures;
import io.github.apigateway.proxy.UpstreamInstance;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.proxy.Upstreams;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One aggregate call: a GET at an instance of its service, chosen, retried and recorded as the proxy does
 * for a client's GET ({@link UpstreamAttempts}: load balancing, outlier detection, circuit breaker, retry
 * budget), each try timed in {@code gateway_upstream_request_duration_seconds} and carrying the request's
 * trace headers. It ends once, with the body or the error, told to {@code onEnd}.
 *
 * <p>Threads: the tries run one after another, each started by the callback that ended the one before;
 * {@link #cancel} may come from any thread, so the current try's fields are volatile and the end is
 * reported by whichever thread gets there first.
 */
final class ServiceCall implements FutureCallback<byte[]> {

    private static final System.Logger LOG = System.getLogger(ServiceCall.class.getName());

    private final String target;
    private final List<Header> headers;
    private final RequestSpan span;
    private final UpstreamService service;
    private final Upstreams upstreams;
    private final UpstreamMetrics metrics;
    private final long maxBytes;
    private final UpstreamAttempts attempts;
    private final Consumer<CallOutcome> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile UpstreamInstance instance;
    private volatile UpstreamTry currentTry;
    private volatile CappedBody body;
    private volatile Future<byte[]> exchange;

    /** @param target the call's path and query, placeholders filled in */
    ServiceCall(String target, List<Header> headers, RequestSpan span, UpstreamService service, Upstreams upstreams,
                UpstreamMetrics metrics, long maxBytes, Consumer<CallOutcome> onEnd) {
        this.target = target;
        this.headers = headers;
        this.span = span;
        this.service = service;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
        this.attempts = service.attempts("GET");
        this.onEnd = onEnd;
    }

    /** Synchronized with {@link #cancel}, so that a call cancelled before it starts never takes a circuit breaker permit. */
    synchronized void start() {
        if (cancelled) {
            return;
        }
        UpstreamInstance first = attempts.first();
        if (first == null) {
            end(CallOutcome.failed(errorOf(attempts.noTryLeft())));
            return;
        }
        send(first);
    }

    private static CallError errorOf(GatewayException noTryLeft) {
        return "circuit_open".equals(noTryLeft.error()) ? CallError.CIRCUIT_OPEN : CallError.UNAVAILABLE;
    }

    private void send(UpstreamInstance next) {
        instance = next;
        next.started();
        HttpRequest request = new BasicHttpRequest("GET", next.host(), target);
        headers.forEach(request::addHeader);
        span.writeTraceHeaders(request::removeHeaders, request::setHeader);
        currentTry = metrics.instance(service.name(), next.toString()).startTry();
        body = new CappedBody(maxBytes);
        exchange = upstreams.execute(next.host(), new BasicRequestProducer(request, null), body, service.newContext(), this);
        if (cancelled) {
            stop();
        }
    }

    @Override
    public void completed(byte[] json) {
        instance.ended();
        currentTry.ended(UpstreamOutcome.RESPONSE);
        attempts.succeeded(instance);
        end(JsonBodies.isJson(json) ? CallOutcome.answered(json) : CallOutcome.failed(CallError.NOT_JSON));
    }

    @Override
    public void failed(Exception failure) {
        instance.ended();
        try {
            UpstreamInstance next = failure instanceof CappedBody.RefusedAnswer refused ? afterRefused(refused) : afterFailure(failure);
            if (next != null) {
                metrics.retried(service.name());
                send(next);
            }
        } catch (RuntimeException e) {
            // Never let an exception escape into the HTTP client's I/O thread: it would stop the reactor.
            LOG.log(System.Logger.Level.ERROR, "Aggregate call " + target + " could not end", e);
            end(CallOutcome.failed(CallError.UNAVAILABLE));
        }
    }

    /** A 502, 503 or 504 is the instance's failure and is tried elsewhere; any other refused answer is the call's end. */
    private UpstreamInstance afterRefused(CappedBody.RefusedAnswer refused) {
        if (!UpstreamFailures.isFailureStatus(refused.status())) {
            currentTry.ended(UpstreamOutcome.RESPONSE);
            attempts.succeeded(instance);
            end(CallOutcome.failed(refused.error()));
            return null;
        }
        currentTry.ended(UpstreamOutcome.ERROR_STATUS);
        service.failed(instance);
        return nextOrEnd(cancelled ? null : attempts.nextAfterFailureOnceSent(true), refused.error());
    }

    private UpstreamInstance afterFailure(Exception failure) {
        GatewayException answer = UpstreamFailures.toGatewayException(failure);
        CallError error = answer.status() == 504 ? CallError.TIMEOUT : CallError.UNAVAILABLE;
        if (UpstreamFailures.nothingSent(failure)) {
            currentTry.ended(UpstreamOutcome.CONNECT_FAILURE);
        } else {
            currentTry.ended(error == CallError.TIMEOUT ? UpstreamOutcome.TIMEOUT : UpstreamOutcome.FAILURE);
        }
        if (cancelled || !UpstreamFailures.countsAgainstInstance(failure)) {
            end(CallOutcome.failed(error));
            return null;
        }
        service.failed(instance);
        UpstreamInstance next = UpstreamFailures.nothingSent(failure)
                ? attempts.nextAfterConnectFailure()
                : attempts.nextAfterFailureOnceSent(true);
        return nextOrEnd(next, error);
    }

    private UpstreamInstance nextOrEnd(UpstreamInstance next, CallError error) {
        if (next == null) {
            end(CallOutcome.failed(error));
        }
        return next;
    }

    @Override
    public void cancelled() {
        instance.ended();
        currentTry.ended(UpstreamOutcome.CANCELLED);
    }

    /** The aggregate no longer waits for this call: its try stops, and its connection is not reused. */
    synchronized void cancel() {
        cancelled = true;
        stop();
        end(null);
    }

    private void stop() {
        CappedBody receiving = body;
        if (receiving != null) {
            receiving.discard();
        }
        Future<byte[]> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
    }

    /** @param outcome null when the call was cancelled: nobody waits for it */
    private void end(CallOutcome outcome) {
        if (ended.compareAndSet(false, true)) {
            attempts.ended();
            if (outcome != null) {
                onEnd.accept(outcome);
            }
        }
    }
}
