package io.github.apigateway.proxy;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Envoy's least request: two instances drawn at random, the one with fewer requests in flight wins
 * (relative to its weight, as Envoy does when weights differ). Two random draws avoid the herd that
 * "always the least loaded" sends to one instance when every node sees the same counts late. When a
 * draw is unusable the next usable instance after it stands in. Thread-safe: reads atomic counters only.
 */
final class PowerOfTwoChoices implements LoadBalancer {

    private final List<UpstreamInstance> instances;

    PowerOfTwoChoices(List<UpstreamInstance> instances) {
        this.instances = List.copyOf(instances);
    }

    @Override
    public UpstreamInstance choose(Predicate<UpstreamInstance> usable) {
        int size = instances.size();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(size);
        UpstreamInstance a = firstUsableFrom(first, usable);
        if (a == null || size == 1) {
            return a;
        }
        int second = (first + 1 + random.nextInt(size - 1)) % size;
        UpstreamInstance b = firstUsableFrom(second, usable);
        return b == null || lessLoaded(a, b) ? a : b;
    }

    private UpstreamInstance firstUsableFrom(int start, Predicate<UpstreamInstance> usable) {
        for (int step = 0; step < instances.size(); step++) {
            UpstreamInstance candidate = instances.get((start + step) % instances.size());
            if (usable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** (in flight + 1) / weight compared without division; ties go to the first draw. */
    static boolean lessLoaded(UpstreamInstance a, UpstreamInstance b) {
        return (long) (a.inFlight() + 1) * b.weight() <= (long) (b.inFlight() + 1) * a.weight();
    }
}
