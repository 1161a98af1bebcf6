package io.github.apigateway.aggregate;

import io.github.apigateway.config.AggregateCall;
import io.github.apigateway.config.Aggregation;
import io.github.apigateway.http.GatewayException;
import io.github.apigateway.observability.UpstreamMetrics;
import io.github.apigateway.proxy.UpstreamService;
import io.github.apigateway.proxy.Upstreams;
import org.apache.hc.core5.http.Header;

import java.util.List;
import java.util.function.Function;

/**
 * Answers aggregate routes: starts a request's calls in parallel and lets its {@link Composition} end it.
 * A required call that the request's path cannot fill in ({@code ${path.N}} beyond its segments) is a
 * 404 before anything is called; an optional one fails alone with {@code missing_path_segment}.
 * Immutable; the parts it holds are thread-safe.
 */
public final class Aggregator {

    private final Upstreams upstreams;
    private final UpstreamMetrics metrics;
    private final Deadlines deadlines;

    public Aggregator(Upstreams upstreams, UpstreamMetrics metrics, Deadlines deadlines) {
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.deadlines = deadlines;
    }

    /**
     * @param services the services of the config the request is served with, by name
     * @return the running request, which the caller cancels when its client goes away
     */
    public Composition start(Aggregation aggregation, AggregateRequest request, Function<String, UpstreamService> services,
                             AggregateListener listener) {
        List<AggregateCall> calls = aggregation.calls();
        Composition composition = new Composition(calls, listener);
        for (AggregateCall call : calls) {
            if (call.required() && !request.hasSegmentsFor(call.path())) {
                composition.cancel();
                listener.failed(new GatewayException(404, "not_found", "The request path has fewer than "
                        + call.path().segmentsNeeded() + " segments after the route's prefix."));
                return composition;
            }
        }
        List<Header> headers = CallHeaders.of(request.client(), request.requestId());
        ServiceCall[] started = new ServiceCall[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            if (request.hasSegmentsFor(call.path())) {
                int index = i;
                started[i] = new ServiceCall(call.path().expand(request::valueOf), headers, request.span(),
                        services.apply(call.service()), upstreams, metrics, aggregation.maxResponseBytes(),
                        outcome -> composition.report(index, outcome));
                composition.track(i, started[i]);
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            if (started[i] == null) {
                composition.report(i, CallOutcome.failed(CallError.MISSING_PATH_SEGMENT));
            } else {
                started[i].start();
            }
        }
        composition.deadline(deadlines.schedule(aggregation.timeout(), composition::deadlinePassed));
        return composition;
    }
}
