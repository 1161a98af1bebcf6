package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Local first: a request takes a token from this node's lease on its bucket ({@link TokenLease}) and is
 * decided in memory; the cluster is asked only for the next batch, usually ahead of need, so most
 * requests never wait. Exact all the same: the cluster only ever hands out tokens it has, so N nodes
 * together never allow more than one node would. Buckets too small for a useful lease (under 40 tokens of
 * burst, where a 5 % share is below 2) are decided by the cluster, one call per request.
 *
 * <p>At most {@link #MAX_LEASES} buckets hold a lease on this node; a bucket beyond that (a client
 * inventing header values) is decided by the cluster directly, so memory stays bounded. Leases past their
 * lifetime give their tokens back, and idle ones are forgotten, by {@link #sweep}, which the gateway's
 * timer runs every {@link #SWEEP_MILLIS} ms. Thread-safe: leases live in a concurrent map and guard
 * themselves; a lease forgotten while a request still used it loses its tokens at worst, which only makes
 * the limit stricter.
 */
public final class LeasingRateLimiter implements RateLimiter {

    public static final long SWEEP_MILLIS = 100;
    static final int MAX_LEASES = 10_000;
    static final double MAX_LEASE_SHARE_OF_BURST = 0.05;

    private final BucketStore store;
    private final LongSupplier nanoClock;
    /** {@code rate_limit_timeout_ms} of the config being served; volatile, as a newer config may change it. */
    private volatile long deadlineNanos;
    private final Map<String, TokenLease> leases = new ConcurrentHashMap<>();

    public LeasingRateLimiter(BucketStore store, LongSupplier nanoClock, long deadlineNanos) {
        this.store = store;
        this.nanoClock = nanoClock;
        this.deadlineNanos = deadlineNanos;
    }

    /** How long a request may wait for the cluster from now on; requests already waiting keep their deadline. */
    public void deadline(long nanos) {
        this.deadlineNanos = nanos;
    }

    @Override
    public CompletableFuture<RateLimitDecision> acquire(String key, RateLimit limit) {
        int maxBatch = maxBatch(limit);
        TokenLease lease = maxBatch < 2 ? null : lease(key, limit, maxBatch);
        long deadline = nanoClock.getAsLong() + deadlineNanos;
        if (lease == null) {
            return store.grant(key, limit, 1, deadline).thenApply(grant -> decision(grant, limit));
        }
        return fromLease(key, lease, deadline);
    }

    static int maxBatch(RateLimit limit) {
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(limit.capacity() * MAX_LEASE_SHARE_OF_BURST));
    }

    private TokenLease lease(String key, RateLimit limit, int maxBatch) {
        TokenLease lease = leases.get(key);
        if (lease != null || leases.size() >= MAX_LEASES) {
            return lease;
        }
        return leases.computeIfAbsent(key, k -> new TokenLease(limit, maxBatch, nanoClock.getAsLong()));
    }

    private CompletableFuture<RateLimitDecision> fromLease(String key, TokenLease lease, long deadline) {
        long now = nanoClock.getAsLong();
        RateLimitDecision decision = lease.take(now);
        if (decision != null) {
            TokenLease.Refill ahead = lease.refill(false);
            if (ahead != null && ahead.toAsk() > 0) {
                ask(key, lease, ahead, now + deadlineNanos);
            }
            return CompletableFuture.completedFuture(decision);
        }
        if (now - deadline > 0) {
            return CompletableFuture.failedFuture(new TimeoutException("other requests took every leased token"));
        }
        TokenLease.Refill refill = lease.refill(true);
        if (refill.toAsk() > 0) {
            ask(key, lease, refill, deadline);
        }
        return refill.answer().thenCompose(grant -> fromLease(key, lease, deadline));
    }

    private void ask(String key, TokenLease lease, TokenLease.Refill refill, long deadline) {
        store.grant(key, lease.limit(), refill.toAsk(), deadline).whenComplete((grant, failure) -> {
            if (failure != null) {
                lease.refillFailed();
                refill.answer().completeExceptionally(failure);
            } else {
                lease.granted(grant, refill.toAsk(), nanoClock.getAsLong());
                refill.answer().complete(grant);
            }
        });
    }

    private static RateLimitDecision decision(Grant grant, RateLimit limit) {
        boolean allowed = grant.granted() > 0;
        return new RateLimitDecision(allowed, limit.capacity(), grant.remaining(), grant.resetSeconds(),
                allowed ? 0 : grant.retryAfterSeconds());
    }

    /** Gives back the tokens of leases past their lifetime and forgets idle leases. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        leases.forEach((key, lease) -> {
            int unspent = lease.expire(now);
            if (unspent > 0) {
                store.giveBack(key, lease.limit(), unspent);
            } else if (lease.idle(now)) {
                leases.remove(key, lease);
            }
        });
    }

    int leaseCount() {
        return leases.size();
    }
}
