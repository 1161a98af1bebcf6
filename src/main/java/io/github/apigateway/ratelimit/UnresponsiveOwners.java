package io.github.apigateway.ratelimit;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Members that let bucket decisions run past their deadline {@link #MISSES_BEFORE_QUARANTINE} times in a
 * row are quarantined, so that requests for the buckets they own fail at once (by
 * {@code rate_limit_failure}) instead of each waiting out the deadline: a hung member (GC pause, SIGSTOP,
 * a half-open network) must not slow the other nodes down, while one slow answer on a busy machine does
 * not condemn a member. After a quarantine one request is let through as a probe, while the others keep
 * failing fast; any answer ends the quarantine.
 *
 * <p>Thread-safe: concurrent maps, the quarantine updated with compare-and-set so exactly one request probes.
 */
final class UnresponsiveOwners {

    static final int MISSES_BEFORE_QUARANTINE = 3;

    private final Map<UUID, Integer> missesInARow = new ConcurrentHashMap<>();
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
        if (owner != null && missesInARow.merge(owner, 1, Integer::sum) >= MISSES_BEFORE_QUARANTINE) {
            quarantinedUntil.put(owner, nanoClock.getAsLong() + quarantineNanos);
        }
    }

    void answered(UUID owner) {
        if (owner != null && !missesInARow.isEmpty()) {
            missesInARow.remove(owner);
            quarantinedUntil.remove(owner);
        }
    }
}
