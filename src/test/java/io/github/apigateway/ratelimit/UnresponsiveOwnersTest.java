package io.github.apigateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnresponsiveOwnersTest {

    private static final long QUARANTINE = 1_000_000_000L;
    private long now = 1;
    private final UnresponsiveOwners owners = new UnresponsiveOwners(QUARANTINE, () -> now);
    private final UUID hung = UUID.randomUUID();
    private final UUID healthy = UUID.randomUUID();

    /** The owner answers once, then nothing for the silence that marks a hung member, and misses a deadline. */
    private void fallSilent(UUID owner) {
        owners.answered(owner);
        now += UnresponsiveOwners.SILENCE_NANOS;
        owners.timedOut(owner);
    }

    @Test
    void aSlowOwnerThatStillAnswersIsNotQuarantined() {
        for (int i = 0; i < 10; i++) {
            owners.timedOut(hung);
            now += UnresponsiveOwners.SILENCE_NANOS / 2;
            owners.answered(hung);
        }
        assertTrue(owners.mayAsk(hung));
        assertFalse(owners.quarantined(hung));
    }

    @Test
    void anOwnerSilentPastTheLimitIsNotAskedDuringItsQuarantine() {
        fallSilent(hung);
        now += QUARANTINE - 1;
        assertFalse(owners.mayAsk(hung));
        assertTrue(owners.quarantined(hung));
        assertTrue(owners.mayAsk(healthy), "other owners are asked as usual");
    }

    @Test
    void afterTheQuarantineExactlyOneRequestProbesWhileTheOthersStillFailFast() {
        fallSilent(hung);
        now += QUARANTINE;
        assertTrue(owners.mayAsk(hung), "the probe");
        assertFalse(owners.mayAsk(hung), "everyone else, while the probe is out");
    }

    @Test
    void anAnswerEndsTheQuarantine() {
        fallSilent(hung);
        owners.answered(hung);
        assertTrue(owners.mayAsk(hung));
        assertFalse(owners.quarantined(hung));
    }
}
