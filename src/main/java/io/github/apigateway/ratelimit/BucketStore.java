package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;

import java.util.concurrent.CompletableFuture;

/** Where the buckets shared by every gateway node live. */
public interface BucketStore {

    /**
     * Asks the bucket {@code key} of {@code limit} for up to {@code wanted} tokens. The answer comes by
     * {@code deadlineNanos} (on the {@link System#nanoTime} scale) or the future fails
     * ({@link java.util.concurrent.TimeoutException} past the deadline, {@link OwnerUnresponsiveException}
     * at once while the key's owner is known to hang). Never throws: every failure, the cluster's
     * refusal to be asked included, arrives in the future, so a lease waiting for it is always released.
     */
    CompletableFuture<Grant> grant(String key, RateLimit limit, int wanted, long deadlineNanos);

    /**
     * Puts back tokens a node leased and did not spend; best effort (lost tokens only make limits
     * stricter), and never throws, so the sweep that calls it keeps running.
     */
    void giveBack(String key, RateLimit limit, int tokens);
}
