package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;

import java.util.concurrent.CompletableFuture;

/**
 * Tokens this node took from one cluster bucket in advance and spends locally, so that a busy bucket
 * costs one cluster call per batch instead of one per request. The batch starts at what the bucket
 * refills in a lease lifetime (at least one token, see {@link #firstBatch}), doubles
 * while the node keeps using whole leases, and halves when a lease ends unspent, up to {@code maxBatch}
 * (a small share of the burst): what another node may be refused while this one still holds tokens is
 * bounded by that share. Unspent tokens go back to the cluster once the lease has not been used for its
 * lifetime: demand stopped, so an idle node does not hoard a bucket that is running low (see {@link #expire}). (Expiring leases still in use would
 * cost a give-back and a new grant for every key asked a few times a second: measured, that turned most
 * requests into cluster calls.) When the cluster refuses, the refusal is remembered until the bucket can hold a token again
 * (at most one lease lifetime), so a client hammering an empty bucket costs no cluster calls.
 *
 * <p>Thread-safe: every method holds this object's lock, briefly; the cluster is only ever called by
 * the caller, outside the lock, after {@link #refill} claimed the call.
 */
final class TokenLease {

    static final long LIFETIME_NANOS = 1_000_000_000L;
    static final long PLENTIFUL_LIFETIME_NANOS = 30_000_000_000L;
    static final long IDLE_NANOS = 2_000_000_000L;

    /** A refill to wait for; {@code toAsk > 0} means the caller must ask the cluster and complete it. */
    record Refill(CompletableFuture<Grant> answer, int toAsk) {
    }

    private final RateLimit limit;
    private final int maxBatch;
    private int tokens;
    private int nextBatch;
    private long clusterRemaining;
    private long resetSeconds;
    private long refusedUntilNanos;
    private long retryAfterSeconds;
    private CompletableFuture<Grant> pending;
    private long lastUsedNanos;

    TokenLease(RateLimit limit, int maxBatch, long nowNanos) {
        this.limit = limit;
        this.maxBatch = maxBatch;
        this.nextBatch = firstBatch(limit, maxBatch);
        this.lastUsedNanos = nowNanos;
        this.refusedUntilNanos = nowNanos;
    }

    /**
     * What the bucket refills in one lease lifetime, within 1 and {@code maxBatch}: a bucket that regains
     * that much within a lifetime loses nothing to a lease of it, and a fast bucket (thousands of tokens a
     * second) no longer needs a dozen cluster calls to grow its lease from one token.
     */
    static int firstBatch(RateLimit limit, int maxBatch) {
        double refilledInLifetime = limit.refillPerMilli() * (LIFETIME_NANOS / 1_000_000.0);
        return (int) Math.max(1, Math.min(maxBatch, Math.floor(refilledInLifetime)));
    }

    RateLimit limit() {
        return limit;
    }

    /**
     * A leased token for one request, a remembered refusal, or null when the cluster must be asked. Tokens
     * still held are spent before a refusal counts: the refusal of a refill ahead of need must not strand them.
     */
    synchronized RateLimitDecision take(long nowNanos) {
        lastUsedNanos = nowNanos;
        if (tokens > 0) {
            tokens--;
            return new RateLimitDecision(true, limit.capacity(), clusterRemaining + tokens, resetSeconds, 0);
        }
        if (nowNanos - refusedUntilNanos < 0) {
            return new RateLimitDecision(false, limit.capacity(), 0, resetSeconds, retryAfterSeconds);
        }
        return null;
    }

    /**
     * @param needed true when a request is waiting for a token; false to refill ahead of need, which
     *               happens only once half of a batch of several is spent
     * @return the refill to wait for, or null when none is due
     */
    synchronized Refill refill(boolean needed) {
        if (pending != null) {
            return new Refill(pending, 0);
        }
        if (!needed && (nextBatch < 2 || tokens > nextBatch / 2)) {
            return null;
        }
        pending = new CompletableFuture<>();
        int wanted = nextBatch;
        nextBatch = Math.min(maxBatch, nextBatch * 2);
        return new Refill(pending, wanted);
    }

    /** Records the cluster's answer to the refill that asked for {@code wanted}; the caller completes it. */
    synchronized void granted(Grant grant, int wanted, long nowNanos) {
        pending = null;
        tokens += grant.granted();
        clusterRemaining = grant.remaining();
        resetSeconds = grant.resetSeconds();
        if (grant.granted() < wanted) {
            nextBatch = Math.max(1, grant.granted());
        }
        if (grant.granted() == 0) {
            refusedUntilNanos = nowNanos + Math.min(LIFETIME_NANOS / 1_000_000L, grant.millisToNextToken()) * 1_000_000L;
            retryAfterSeconds = grant.retryAfterSeconds();
        }
    }

    synchronized void refillFailed() {
        pending = null;
    }

    /**
     * @return the unspent tokens of a lease unused for its lifetime, which the caller gives back; 0 for none.
     * A lease of a bucket that had plenty left at its last grant (at least half its burst) is kept through
     * pauses of up to {@link #PLENTIFUL_LIFETIME_NANOS}: holding it refuses no one, while giving it back
     * made every pause in a client's traffic cost a cluster call per key when the traffic resumed.
     */
    synchronized int expire(long nowNanos) {
        long lifetime = clusterRemaining * 2 >= limit.capacity() ? PLENTIFUL_LIFETIME_NANOS : LIFETIME_NANOS;
        if (tokens == 0 || nowNanos - lastUsedNanos < lifetime) {
            return 0;
        }
        int unspent = tokens;
        tokens = 0;
        nextBatch = Math.max(1, nextBatch / 2);
        return unspent;
    }

    /** Unused for a while, holding nothing and waiting for nothing: the node may forget it. */
    synchronized boolean idle(long nowNanos) {
        return tokens == 0 && pending == null && nowNanos - lastUsedNanos > IDLE_NANOS;
    }
}
