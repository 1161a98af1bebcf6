package io.github.apigateway.cluster;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredConfigTest {

    private static StoredConfig stored(long number, long changedAtMillis) {
        return new StoredConfig(new ConfigVersion("run", number), "{}", "admin", Instant.ofEpochMilli(changedAtMillis));
    }

    @Test
    void aNewerVersionSupersedesTheServedOne() {
        assertTrue(stored(3, 1).supersedes(stored(2, 9)));
    }

    @Test
    void theServedVersionItselfDoesNot() {
        assertFalse(stored(2, 5).supersedes(stored(2, 5)));
    }

    @Test
    void anOlderVersionDoesNot() {
        assertFalse(stored(1, 9).supersedes(stored(2, 5)));
    }

    @Test
    void theSameNumberSetElsewhereWhileTheClusterWasSplitSupersedesOnceTheMergeKeptIt() {
        assertTrue(stored(2, 7).supersedes(stored(2, 5)));
    }
}
