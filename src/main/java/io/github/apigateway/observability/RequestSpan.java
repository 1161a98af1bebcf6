package io.github.apigateway.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The gateway's span of one request: what the upstream gets in {@code traceparent}/{@code tracestate},
 * and the trace id for the access log. {@link #NONE} when tracing is off: then the trace headers pass
 * through untouched, as through any hop that does not take part.
 *
 * <p>Threads: started on the request's first container thread, read by the proxy's threads after the
 * container's hand-off, ended once by whichever thread ends the exchange.
 */
public final class RequestSpan {

    /** The W3C Trace Context headers (lower case, as the recommendation writes them). */
    public static final List<String> HEADERS = List.of("traceparent", "tracestate");
    public static final RequestSpan NONE = new RequestSpan(null, null);

    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Span span;
    private final TextMapPropagator propagator;

    RequestSpan(Span span, TextMapPropagator propagator) {
        this.span = span;
        this.propagator = propagator;
    }

    /** The trace's id (32 hex digits), or null when tracing is off. */
    public String traceId() {
        return span == null ? null : span.getSpanContext().getTraceId();
    }

    /**
     * Replaces the client's trace headers on an upstream request with this span's: the client's are never
     * forwarded as they came (a malformed one would be garbage, a valid one names the client's span, not
     * the gateway's). Does nothing when tracing is off.
     */
    public void writeTraceHeaders(Consumer<String> remove, BiConsumer<String, String> set) {
        if (span == null) {
            return;
        }
        HEADERS.forEach(remove);
        propagator.inject(Context.root().with(span), set, BiConsumer::accept);
    }

    /** Ends the span, named and labelled like the request's metric. */
    public void end(String method, String route, int status) {
        if (span == null) {
            return;
        }
        span.updateName(method + " " + route);
        span.setAttribute(ROUTE, route);
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
