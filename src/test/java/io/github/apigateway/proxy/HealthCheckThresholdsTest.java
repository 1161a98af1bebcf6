package io.github.apigateway.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Healthy threshold 2, unhealthy threshold 3. */
class HealthCheckThresholdsTest {

    private final HealthCheckThresholds thresholds = new HealthCheckThresholds(2, 3);

    private void probes(boolean... results) {
        for (boolean passed : results) {
            thresholds.probed(passed);
        }
    }

    @Test
    void anInstanceStartsIn() {
        assertFalse(thresholds.isOut());
    }

    @Test
    void failuresBelowTheUnhealthyThresholdLeaveItIn() {
        probes(false, false);
        assertFalse(thresholds.isOut());
    }

    @Test
    void theUnhealthyThresholdOfFailuresInARowTakesItOut() {
        probes(false, false, false);
        assertTrue(thresholds.isOut());
    }

    @Test
    void aPassedProbeStartsTheFailureCountAgain() {
        probes(false, false, true, false, false);
        assertFalse(thresholds.isOut());
    }

    @Test
    void oneSuccessBelowTheHealthyThresholdKeepsItOut() {
        probes(false, false, false, true);
        assertTrue(thresholds.isOut());
    }

    @Test
    void theHealthyThresholdOfSuccessesInARowBringsItBack() {
        probes(false, false, false, true, true);
        assertFalse(thresholds.isOut());
    }

    @Test
    void aFailedProbeStartsTheSuccessCountAgain() {
        probes(false, false, false, true, false, true);
        assertTrue(thresholds.isOut());
    }

    @Test
    void theProbeThatTakesItOutReportsTheChange() {
        probes(false, false);
        assertTrue(thresholds.probed(false));
    }

    @Test
    void aProbeThatConfirmsTheVerdictReportsNoChange() {
        probes(false, false, false);
        assertFalse(thresholds.probed(false));
    }
}
