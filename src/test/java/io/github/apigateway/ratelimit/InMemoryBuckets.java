package io.github.apigateway.ratelimit;

import io.github.apigateway.config.RateLimit;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The cluster's buckets in one map, for tests: the same {@link TokenBucket} arithmetic as the entry
 * processors, on a hand-set clock. Grants can be held back, to be answered later in any order, as a
 * slow cluster would; give-backs are counted.
 */
final class InMemoryBuckets implements BucketStore {

    private final Map<String, BucketState> buckets = new HashMap<>();
    private final Queue<Runnable> heldBack = new ArrayDeque<>();
    private final LongSupplier millisClock;
    private boolean holdAnswers;
    int grantCalls;
    int givenBack;

    InMemoryBuckets(LongSupplier millisClock) {
        this.millisClock = millisClock;
    }

    @Override
    public synchronized CompletableFuture<Grant> grant(String key, RateLimit limit, int wanted, long deadlineNanos) {
        grantCalls++;
        CompletableFuture<Grant> answer = new CompletableFuture<>();
        Runnable decide = () -> answer.complete(decide(key, limit, wanted));
        if (holdAnswers) {
            heldBack.add(decide);
        } else {
            decide.run();
        }
        return answer;
    }

    private synchronized Grant decide(String key, RateLimit limit, int wanted) {
        TokenBucket.Granted granted = TokenBucket.grant(buckets.get(key), limit.capacity(), limit.refillPerMilli(),
                millisClock.getAsLong(), wanted);
        buckets.put(key, granted.state());
        return granted.grant();
    }

    @Override
    public synchronized void giveBack(String key, RateLimit limit, int tokens) {
        givenBack += tokens;
        buckets.put(key, TokenBucket.giveBack(buckets.get(key), limit.capacity(), limit.refillPerMilli(),
                millisClock.getAsLong(), tokens));
    }

    synchronized void holdAnswers() {
        holdAnswers = true;
    }

    /** Answers every held-back grant, in the order asked. */
    void answerHeld() {
        Runnable next;
        while ((next = pollHeld()) != null) {
            next.run();
        }
    }

    private synchronized Runnable pollHeld() {
        return heldBack.poll();
    }

    synchronized double tokens(String key) {
        BucketState state = buckets.get(key);
        return state == null ? Double.NaN : state.tokens();
    }
}
