package io.github.apigateway.proxy;

import io.github.apigateway.config.LoadBalancing;

import java.util.List;
import java.util.function.Predicate;

/** Chooses the instance for a request's next try among those it may use. Implementations are thread-safe. */
interface LoadBalancer {

    /** @return the chosen instance, or null when none is usable */
    UpstreamInstance choose(Predicate<UpstreamInstance> usable);

    static LoadBalancer of(LoadBalancing policy, List<UpstreamInstance> instances) {
        if (policy == LoadBalancing.LEAST_REQUEST) {
            return new PowerOfTwoChoices(instances);
        }
        if (policy == LoadBalancing.RANDOM) {
            return new WeightedRandom(instances);
        }
        return new WeightedRoundRobin(instances);
    }
}
