package io.github.apigateway.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigVersionTest {

    @Test
    void aHigherNumberOfTheSameRunSupersedes() {
        assertTrue(new ConfigVersion("run", 3).supersedes(new ConfigVersion("run", 2)));
    }

    @Test
    void theSameOrALowerNumberDoesNot() {
        assertFalse(new ConfigVersion("run", 2).supersedes(new ConfigVersion("run", 2)));
        assertFalse(new ConfigVersion("run", 1).supersedes(new ConfigVersion("run", 2)));
    }

    @Test
    void anotherRunsVersionSupersedesWhateverItsNumber() {
        assertTrue(new ConfigVersion("restarted", 1).supersedes(new ConfigVersion("run", 9)));
    }

    @Test
    void theAdminApiShowsTheNumberAlone() {
        assertEquals("7", new ConfigVersion("run", 7).toString());
    }
}
