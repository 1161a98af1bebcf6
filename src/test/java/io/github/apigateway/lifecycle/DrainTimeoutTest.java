package io.github.apigateway.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrainTimeoutTest {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void isThirtySecondsUnlessSet() {
        assertEquals(Duration.ofSeconds(30), DrainTimeout.resolve(NONE::get, NONE::get));
    }

    @Test
    void theSystemPropertyWinsOverTheInitParameter() {
        Duration timeout = DrainTimeout.resolve(Map.of(DrainTimeout.NAME, "5")::get, Map.of(DrainTimeout.NAME, "60")::get);
        assertEquals(Duration.ofSeconds(5), timeout);
    }

    @Test
    void theInitParameterIsUsedWithoutTheSystemProperty() {
        assertEquals(Duration.ofSeconds(60), DrainTimeout.resolve(NONE::get, Map.of(DrainTimeout.NAME, " 60 ")::get));
    }

    @Test
    void aValueThatIsNotWholeSecondsFailsTheDeploymentNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DrainTimeout.resolve(Map.of(DrainTimeout.NAME, "30s")::get, NONE::get));
        assertTrue(e.getMessage().contains(DrainTimeout.NAME) && e.getMessage().contains("'30s'"), e.getMessage());
    }

    @Test
    void aNegativeValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DrainTimeout.resolve(Map.of(DrainTimeout.NAME, "-1")::get, NONE::get));
    }
}
