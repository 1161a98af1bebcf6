package io.github.apigateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnresponsiveOwnersTest {

    private static final long QUARANTINE = 1_000;
    private long now;
    private final UnresponsiveOwners owners = new UnresponsiveOwners(QUARANTINE, () -> now);
    private final UUID hung = UUID.randomUUID();
    private final UUID healthy = UUID.randomUUID();

    private void missTheDeadlineEnoughTimes(UUID owner) {
        for (int i = 0; i < UnresponsiveOwners.MISSES_BEFORE_QUARANTINE; i++) {
            owners.timedOut(owner);
        }
    }

    @Test
    void oneMissedDeadlineDoesNotQuarantineAnOwner() {
        owners.timedOut(hung);
        owners.timedOut(hung);
        assertTrue(owners.mayAsk(hung));
        owners.answered(hung);
        owners.timedOut(hung);
        assertTrue(owners.mayAsk(hung), "an answer starts the count again");
    }

    @Test
    void anOwnerThatMissedTheDeadlineSeveralTimesInARowIsNotAskedDuringItsQuarantine() {
        missTheDeadlineEnoughTimes(hung);
        now += QUARANTINE - 1;
        assertFalse(owners.mayAsk(hung));
        assertTrue(owners.quarantined(hung));
        assertTrue(owners.mayAsk(healthy), "other owners are asked as usual");
    }

    @Test
    void afterTheQuarantineExactlyOneRequestProbesWhileTheOthersStillFailFast() {
        missTheDeadlineEnoughTimes(hung);
        now += QUARANTINE;
        assertTrue(owners.mayAsk(hung), "the probe");
        assertFalse(owners.mayAsk(hung), "everyone else, while the probe is out");
    }

    @Test
    void anAnswerEndsTheQuarantine() {
        missTheDeadlineEnoughTimes(hung);
        owners.answered(hung);
        assertTrue(owners.mayAsk(hung));
        assertFalse(owners.quarantined(hung));
    }
}
