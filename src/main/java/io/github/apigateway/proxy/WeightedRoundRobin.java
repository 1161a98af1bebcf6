package io.github.apigateway.proxy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * nginx's smooth weighted round robin: weights 3:1 give the sequence a, a, b, a, so the heavier instance
 * gets its share spread out rather than in a burst; equal weights give plain round robin. nginx keeps
 * running weights that each choice updates under a lock; here the whole cycle (the weights' sum divided
 * by their greatest common divisor, at most 1000 per instance) is computed once, and a choice is one
 * atomic increment. An unusable instance is skipped: its turn goes to the next usable one in the cycle.
 * Thread-safe: the turn is one atomic counter, the cycle immutable.
 */
final class WeightedRoundRobin implements LoadBalancer {

    private final UpstreamInstance[] cycle;
    private final AtomicInteger turn = new AtomicInteger();

    WeightedRoundRobin(List<UpstreamInstance> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one instance; the config validator should have refused it");
        }
        int[] order = smoothCycle(instances.stream().mapToInt(UpstreamInstance::weight).toArray());
        this.cycle = new UpstreamInstance[order.length];
        for (int i = 0; i < order.length; i++) {
            cycle[i] = instances.get(order[i]);
        }
    }

    /** The indexes of one full cycle of nginx's smooth weighted round robin over these weights. */
    static int[] smoothCycle(int[] weights) {
        int divisor = 0;
        for (int weight : weights) {
            divisor = gcd(divisor, weight);
        }
        int total = 0;
        int[] reduced = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            reduced[i] = weights[i] / divisor;
            total += reduced[i];
        }
        int[] current = new int[weights.length];
        int[] cycle = new int[total];
        for (int turn = 0; turn < total; turn++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += reduced[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle[turn] = best;
        }
        return cycle;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public UpstreamInstance choose(Predicate<UpstreamInstance> usable) {
        int start = turn.getAndIncrement();
        for (int step = 0; step < cycle.length; step++) {
            UpstreamInstance candidate = cycle[Math.floorMod(start + step, cycle.length)];
            if (usable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
