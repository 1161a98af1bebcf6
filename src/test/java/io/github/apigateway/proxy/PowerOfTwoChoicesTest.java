package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerOfTwoChoicesTest {

    @Test
    void ofTwoInstancesTheOneWithFewerRequestsInFlightIsChosen() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1);
        instances.get(0).started();
        PowerOfTwoChoices balancer = new PowerOfTwoChoices(instances);
        for (int i = 0; i < 50; i++) {
            assertSame(instances.get(1), balancer.choose(instance -> true));
        }
    }

    @Test
    void theMostLoadedOfThreeIsNeverChosen() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1, 1);
        instances.get(2).started();
        instances.get(2).started();
        PowerOfTwoChoices balancer = new PowerOfTwoChoices(instances);
        for (int i = 0; i < 200; i++) {
            assertTrue(balancer.choose(instance -> true) != instances.get(2));
        }
    }

    @Test
    void loadIsWeighedAgainstWeight() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(4, 1);
        instances.get(0).started();
        instances.get(0).started();
        // (2 + 1) / 4 against (0 + 1) / 1: the heavier instance is still the less loaded one.
        assertTrue(PowerOfTwoChoices.lessLoaded(instances.get(0), instances.get(1)));
        assertFalse(PowerOfTwoChoices.lessLoaded(instances.get(1), instances.get(0)));
    }

    @Test
    void anUnusableDrawIsReplacedByAUsableInstance() {
        List<UpstreamInstance> instances = ServiceDefinitions.weighted(1, 1, 1);
        PowerOfTwoChoices balancer = new PowerOfTwoChoices(instances);
        for (int i = 0; i < 50; i++) {
            assertSame(instances.get(1), balancer.choose(instance -> instance == instances.get(1)));
        }
    }

    @Test
    void noUsableInstanceIsNoChoice() {
        assertNull(new PowerOfTwoChoices(ServiceDefinitions.weighted(1, 1)).choose(instance -> false));
    }
}
