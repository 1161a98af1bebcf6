package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightedRandomTest {

    @Test
    void drawsInProportionToWeight() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(3, 1);
        WeightedRandom balancer = new WeightedRandom(instances);
        int heavier = 0;
        for (int i = 0; i < 40_000; i++) {
            if (balancer.choose(instance -> true) == instances.get(0)) {
                heavier++;
            }
        }
        // 30,000 expected; the standard deviation is about 87, so this band fails by chance almost never.
        assertTrue(heavier > 29_000 && heavier < 31_000, heavier + " of 40000");
    }

    @Test
    void anUnusableDrawIsReplacedByAUsableInstance() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1000, 1);
        WeightedRandom balancer = new WeightedRandom(instances);
        for (int i = 0; i < 50; i++) {
            assertSame(instances.get(1), balancer.choose(instance -> instance == instances.get(1)));
        }
    }

    @Test
    void noUsableInstanceIsNoChoice() {
        assertNull(new WeightedRandom(ServiceDefinitions.weighted(1, 1)).choose(instance -> false));
    }
}
