package io.github.apigateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the decisions the cluster could not make in time (shown by the health endpoint), and logs
 * them at most once per {@link #LOG_INTERVAL_NANOS}, with how many there were since the last line: a
 * hung member must not turn every request into a log line. Thread-safe: atomics only; of the threads
 * that see the interval pass, the one that wins the compare-and-set writes the line.
 */
public final class RateLimitFailures {

    static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final System.Logger LOG = System.getLogger(RateLimitFailures.class.getName());

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sinceLastLine = new AtomicLong();
    private final AtomicLong lastLineNanos;
    private final LongSupplier nanoClock;

    public RateLimitFailures(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastLineNanos = new AtomicLong(nanoClock.getAsLong() - LOG_INTERVAL_NANOS);
    }

    /** @return whether this failure was the one that wrote a log line */
    boolean record(String limitId, Throwable cause, boolean failOpen) {
        total.incrementAndGet();
        sinceLastLine.incrementAndGet();
        long now = nanoClock.getAsLong();
        long last = lastLineNanos.get();
        if (now - last < LOG_INTERVAL_NANOS || !lastLineNanos.compareAndSet(last, now)) {
            return false;
        }
        long count = sinceLastLine.getAndSet(0);
        LOG.log(System.Logger.Level.WARNING, count + " rate limit decision(s) could not be made in time and failed "
                + (failOpen ? "open (let through)" : "closed (503)") + "; the latest: limit '" + limitId + "', "
                + describe(cause) + "; " + total.get() + " in all");
        return true;
    }

    public long total() {
        return total.get();
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
