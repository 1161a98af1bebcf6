package io.github.apigateway.proxy;

import io.github.apigateway.config.OutlierDetectionSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Envoy's passive outlier detection for one service: an instance that fails {@code consecutive_failures}
 * times in a row is ejected for {@code base_ejection_ms} times the number of times it was ejected (at
 * most {@link #MAX_EJECTION}), and comes back by itself when that time is up. Failures eject at most
 * {@code max_ejection_percent} of the instances (rounded down), and never the last one, so that a
 * service-wide outage cannot eject every instance and leave nothing to try when it recovers.
 *
 * <p>Threads: a success or a failure below the threshold is one atomic operation on the instance; the
 * rare decision to eject is made under this object's lock, which counts the service's ejected instances
 * and holds no I/O. The listener is told outside the lock.
 *
 * <p>An ejection another node announces is applied here too ({@link #applyAnnounced}), within this node's
 * own {@code max_ejection_percent}; it is not announced again (an announcement never echoes round the
 * cluster) and does not count as one of the instance's ejections here (its length is the announcer's).
 */
final class OutlierDetector {

    static final Duration MAX_EJECTION = Duration.ofSeconds(300);

    private final String service;
    private final List<UpstreamInstance> instances;
    private final int consecutiveFailures;
    private final long baseEjectionNanos;
    private final int maxEjected;
    private final LongSupplier nanoClock;
    private final EjectionListener listener;

    OutlierDetector(String service, List<UpstreamInstance> instances, OutlierDetectionSettings settings,
                    LongSupplier nanoClock, EjectionListener listener) {
        this.service = service;
        this.instances = List.copyOf(instances);
        this.consecutiveFailures = settings.consecutiveFailures();
        this.baseEjectionNanos = min(settings.baseEjection(), MAX_EJECTION).toNanos();
        this.maxEjected = Math.min(instances.size() - 1, instances.size() * settings.maxEjectionPercent() / 100);
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    void succeeded(UpstreamInstance instance) {
        // Read first: a write on every success would make all threads contend for the counter's cache line.
        if (instance.consecutiveFailures().get() != 0) {
            instance.consecutiveFailures().set(0);
        }
    }

    void failed(UpstreamInstance instance) {
        if (instance.consecutiveFailures().incrementAndGet() < consecutiveFailures) {
            return;
        }
        Duration ejection = ejectIfAllowed(instance);
        if (ejection != null) {
            listener.ejected(service, instance.url(), ejection);
        }
    }

    /** @return how long the instance is ejected for, or null when it stays */
    private synchronized Duration ejectIfAllowed(UpstreamInstance instance) {
        long now = nanoClock.getAsLong();
        if (instance.isEjected(now) || ejectedCount(now) >= maxEjected) {
            return null;
        }
        // The base is at least 1 ms and at most the maximum, so the product cannot overflow before the cap.
        long times = Math.min(instance.timesEjectedBefore() + 1L, MAX_EJECTION.toMillis());
        long nanos = Math.min(MAX_EJECTION.toNanos(), baseEjectionNanos * times);
        instance.eject(now + nanos);
        return Duration.ofNanos(nanos);
    }

    /**
     * Ejects the instance with this URL for the announced time, unless it is ejected already, is not one of
     * this service's instances here (another node's config may differ), or the maximum share is ejected.
     *
     * @return whether it was ejected
     */
    synchronized boolean applyAnnounced(URI url, Duration duration) {
        long now = nanoClock.getAsLong();
        for (UpstreamInstance instance : instances) {
            if (instance.url().equals(url)) {
                if (instance.isEjected(now) || ejectedCount(now) >= maxEjected || duration.isNegative()) {
                    return false;
                }
                instance.ejectAsAnnounced(now + min(duration, MAX_EJECTION).toNanos());
                return true;
            }
        }
        return false;
    }

    private int ejectedCount(long now) {
        int ejected = 0;
        for (UpstreamInstance instance : instances) {
            if (instance.isEjected(now)) {
                ejected++;
            }
        }
        return ejected;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    boolean isEjected(UpstreamInstance instance) {
        return instance.isEjected(nanoClock.getAsLong());
    }

    /** Whether requests may go to the instance: see {@link UpstreamInstance#isAvailable}. */
    boolean isAvailable(UpstreamInstance instance) {
        return instance.isAvailable(nanoClock.getAsLong());
    }

    InstanceState state(UpstreamInstance instance) {
        if (instance.isOutByHealthChecks()) {
            return InstanceState.UNHEALTHY;
        }
        return instance.isEjected(nanoClock.getAsLong()) ? InstanceState.EJECTED : InstanceState.HEALTHY;
    }

    boolean hasHealthyInstance() {
        long now = nanoClock.getAsLong();
        for (UpstreamInstance instance : instances) {
            if (instance.isHealthy(now)) {
                return true;
            }
        }
        return false;
    }

    /** Whole seconds until the first ejected instance comes back, at least 1 (RFC 9110 {@code Retry-After}). */
    long secondsUntilAnInstanceReturns() {
        long now = nanoClock.getAsLong();
        long soonest = Long.MAX_VALUE;
        for (UpstreamInstance instance : instances) {
            if (instance.isEjected(now)) {
                soonest = Math.min(soonest, instance.ejectedUntil() - now);
            }
        }
        return soonest == Long.MAX_VALUE ? 1 : Math.max(1, (soonest + 999_999_999L) / 1_000_000_000L);
    }
}
