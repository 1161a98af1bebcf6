package io.github.apigateway.ratelimit;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Members that let a bucket decision run past its deadline after answering nothing for
 * {@link #SILENCE_NANOS} are quarantined, so that requests for the buckets they own fail at once (by
 * {@code rate_limit_failure}) instead of each waiting out the deadline: a hung member (GC pause, SIGSTOP,
 * a half-open network) must not slow the other nodes down. A member that is only slow keeps answering,
 * late, and is never quarantined: measured, counting missed deadlines instead quarantined busy members
 * for a second at a time and failed thousands of decisions that would have been made. After a quarantine
 * one request is let through as a probe, while the others keep failing fast; any answer ends it.
 *
 * <p>Thread-safe: concurrent maps, the quarantine updated with compare-and-set so exactly one request probes.
 */
final class UnresponsiveOwners {

    static final long SILENCE_NANOS = 250_000_000L;

    private final Map<UUID, Long> lastAnswerNanos = new ConcurrentHashMap<>();
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
        if (owner == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        Long lastAnswer = lastAnswerNanos.putIfAbsent(owner, now);
        if (lastAnswer != null && now - lastAnswer >= SILENCE_NANOS) {
            quarantinedUntil.put(owner, now + quarantineNanos);
        }
    }

    void answered(UUID owner) {
        if (owner != null) {
            lastAnswerNanos.put(owner, nanoClock.getAsLong());
            if (!quarantinedUntil.isEmpty()) {
                quarantinedUntil.remove(owner);
            }
        }
    }
}
