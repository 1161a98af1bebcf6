package io.github.apigateway.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Each request goes to an instance drawn at random in proportion to its weight; when the draw is
 * unusable the next usable instance stands in. Thread-safe: immutable, with a thread-local random.
 */
final class WeightedRandom implements LoadBalancer {

    private final List<UpstreamInstance> instances;
    /** cumulativeWeights[i]: the sum of the weights of instances 0..i. */
    private final int[] cumulativeWeights;

    WeightedRandom(List<UpstreamInstance> instances) {
        this.instances = List.copyOf(instances);
        this.cumulativeWeights = new int[instances.size()];
        int sum = 0;
        for (int i = 0; i < instances.size(); i++) {
            sum += instances.get(i).weight();
            cumulativeWeights[i] = sum;
        }
    }

    @Override
    public UpstreamInstance choose(Predicate<UpstreamInstance> usable) {
        int draw = ThreadLocalRandom.current().nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        int found = Arrays.binarySearch(cumulativeWeights, draw + 1);
        int start = found >= 0 ? found : -found - 1;
        for (int step = 0; step < instances.size(); step++) {
            UpstreamInstance candidate = instances.get((start + step) % instances.size());
            if (usable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
