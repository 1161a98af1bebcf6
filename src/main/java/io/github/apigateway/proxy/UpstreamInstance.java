package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceInstance;
import org.apache.hc.core5.http.HttpHost;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of one service, with what the proxy learns about it as requests go by: how many are in
 * flight there (for {@link PowerOfTwoChoices}), how many failed in a row and whether it is ejected (for
 * {@link OutlierDetector}), and whether active health checks took it out ({@link HealthProbe}).
 * Thread-safe: the counters are atomics, the ejection one volatile reference, the health checks' verdict
 * volatile; how many times it was ejected is guarded by its service's {@link OutlierDetector}.
 */
public final class UpstreamInstance {

    private record Ejection(long untilNanos) {
    }

    private final URI url;
    private final HttpHost host;
    private final int weight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Ejection ejection;
    private volatile boolean outByHealthChecks;
    private int timesEjected;

    UpstreamInstance(ServiceInstance instance) {
        this.url = instance.url();
        this.host = HttpHost.create(instance.url());
        this.weight = instance.weight();
    }

    public HttpHost host() {
        return host;
    }

    URI url() {
        return url;
    }

    int weight() {
        return weight;
    }

    /** Call once per try sent to this instance, and {@link #ended} once when the try ends, however it ends. */
    public void started() {
        inFlight.incrementAndGet();
    }

    public void ended() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    AtomicInteger consecutiveFailures() {
        return consecutiveFailures;
    }

    boolean isEjected(long nowNanos) {
        Ejection current = ejection;
        return current != null && current.untilNanos - nowNanos > 0;
    }

    /** @return when the ejection ends, in {@link System#nanoTime} terms; only meaningful while ejected */
    long ejectedUntil() {
        Ejection current = ejection;
        return current == null ? Long.MIN_VALUE : current.untilNanos;
    }

    /** Must hold the service's {@link OutlierDetector} lock. */
    int timesEjectedBefore() {
        return timesEjected;
    }

    /** Must hold the service's {@link OutlierDetector} lock. */
    void eject(long untilNanos) {
        timesEjected++;
        consecutiveFailures.set(0);
        ejection = new Ejection(untilNanos);
    }

    /** Must hold the service's {@link OutlierDetector} lock. An ejection announced by another node: it does not escalate here. */
    void ejectAsAnnounced(long untilNanos) {
        consecutiveFailures.set(0);
        ejection = new Ejection(untilNanos);
    }

    void outByHealthChecks(boolean out) {
        outByHealthChecks = out;
    }

    boolean isOutByHealthChecks() {
        return outByHealthChecks;
    }

    /** Whether requests may go here: neither ejected nor taken out by active health checks. */
    boolean isAvailable(long nowNanos) {
        return !outByHealthChecks && !isEjected(nowNanos);
    }

    /** Healthy: available, and its last try did not fail. */
    boolean isHealthy(long nowNanos) {
        return isAvailable(nowNanos) && consecutiveFailures.get() == 0;
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
