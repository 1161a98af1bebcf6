package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WeightedRoundRobinTest {

    private static List<String> choices(LoadBalancer balancer, int count) {
        return IntStream.range(0, count).mapToObj(i -> balancer.choose(instance -> true).toString()).toList();
    }

    @Test
    void equalWeightsTakeTurnsAndTheTurnWrapsAround() {
        assertEquals(List.of("http://a:80", "http://b:80", "http://c:80", "http://a:80", "http://b:80"),
                choices(new WeightedRoundRobin(ServiceDefinitions.weighted(1, 1, 1)), 5));
    }

    @Test
    void weightsThreeToOneGiveThreeOfEveryFourInterleavedAsNginxDoes() {
        assertArrayEquals(new int[]{0, 0, 1, 0}, WeightedRoundRobin.smoothCycle(new int[]{3, 1}));
    }

    @Test
    void aHeavyInstanceIsSpreadOutRatherThanBurst() {
        assertArrayEquals(new int[]{0, 1, 0, 2, 0, 1, 0}, WeightedRoundRobin.smoothCycle(new int[]{4, 2, 1}));
    }

    @Test
    void weightsWithACommonDivisorGiveTheShortCycle() {
        assertArrayEquals(new int[]{0, 0, 1, 0}, WeightedRoundRobin.smoothCycle(new int[]{900, 300}));
    }

    @Test
    void anUnusableInstanceIsSkipped() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1, 1);
        WeightedRoundRobin balancer = new WeightedRoundRobin(instances);
        UpstreamInstance b = instances.get(1);
        assertEquals(List.of("http://a:80", "http://c:80", "http://c:80", "http://a:80"),
                IntStream.range(0, 4).mapToObj(i -> balancer.choose(instance -> instance != b).toString()).toList());
    }

    @Test
    void noUsableInstanceIsNoChoice() {
        assertNull(new WeightedRoundRobin(ServiceDefinitions.weighted(1, 2)).choose(instance -> false));
    }
}
