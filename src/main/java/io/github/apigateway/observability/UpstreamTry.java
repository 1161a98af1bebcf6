package io.github.apigateway.observability;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timing of one try at an upstream instance, recorded once with the first outcome reported: the
 * answer's head, or the failure or cancellation that came first. Thread-safe: the HTTP client's I/O
 * thread and a container thread that cancels may report at once; the flag lets one of them record.
 */
public final class UpstreamTry {

    private final UpstreamMetrics.InstanceMeters meters;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();

    UpstreamTry(UpstreamMetrics.InstanceMeters meters, long startNanos) {
        this.meters = meters;
        this.startNanos = startNanos;
    }

    public void ended(UpstreamOutcome outcome) {
        if (ended.compareAndSet(false, true)) {
            meters.record(outcome, System.nanoTime() - startNanos);
        }
    }
}
