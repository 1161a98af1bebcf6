package io.github.apigateway.ratelimit;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Members that let a bucket decision run past its deadline, so that requests for the buckets they own
 * fail at once (by {@code rate_limit_failure}) instead of each waiting out the deadline: a hung member
 * (GC pause, SIGSTOP, a half-open network) must not slow the other nodes down. After a quarantine one
 * request is let through as a probe, while the others keep failing fast; an answer ends the quarantine.
 *
 * <p>Thread-safe: one concurrent map, updated with compare-and-set so exactly one request probes.
 */
final class UnresponsiveOwners {

    private final Map<UUID, Long> quarantinedUntil = new ConcurrentHashMap<>();
    private final long quarantineNanos;
    private final LongSupplier nanoClock;

    UnresponsiveOwners(long quarantineNanos, LongSupplier nanoClock) {
        this.quarantineNanos = quarantineNanos;
        this.nanoClock = nanoClock;
    }

    /** Whether a request may ask {@code owner} now; false while it is quarantined and another request probes. */
    boolean mayAsk(UUID owner) {
        if (owner == null || quarantinedUntil.isEmpty()) {
            return true;
        }
        Long until = quarantinedUntil.get(owner);
        if (until == null) {
            return true;
        }
        long now = nanoClock.getAsLong();
        return now - until >= 0 && quarantinedUntil.replace(owner, until, now + quarantineNanos);
    }

    /** Whether {@code owner} is quarantined now; unlike {@link #mayAsk} this never claims the probe. */
    boolean quarantined(UUID owner) {
        Long until = owner == null || quarantinedUntil.isEmpty() ? null : quarantinedUntil.get(owner);
        return until != null && nanoClock.getAsLong() - until < 0;
    }

    void timedOut(UUID owner) {
        if (owner != null) {
            quarantinedUntil.put(owner, nanoClock.getAsLong() + quarantineNanos);
        }
    }

    void answered(UUID owner) {
        if (owner != null && !quarantinedUntil.isEmpty()) {
            quarantinedUntil.remove(owner);
        }
    }
}
