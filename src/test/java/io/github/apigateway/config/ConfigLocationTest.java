package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLocationTest {

    private static final ConfigSource BUNDLED = new ConfigSource("bundled", () -> null);

    private static ConfigSource resolve(String property, String environment, String initParameter) {
        Map<String, String> properties = property == null ? Map.of() : Map.of("gateway.config", property);
        Map<String, String> env = environment == null ? Map.of() : Map.of("GATEWAY_CONFIG", environment);
        Map<String, String> init = initParameter == null ? Map.of() : Map.of("gateway.config", initParameter);
        return ConfigLocation.resolve(properties::get, env::get, init::get, BUNDLED);
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    @Test
    void theSystemPropertyComesFirst() {
        assertEquals(absolute("/etc/prop.json"), resolve("/etc/prop.json", "/etc/env.json", "/etc/init.json").description());
    }

    @Test
    void theEnvironmentVariableComesBeforeTheInitParameter() {
        assertEquals(absolute("/etc/env.json"), resolve(null, "/etc/env.json", "/etc/init.json").description());
    }

    @Test
    void theInitParameterComesBeforeTheBundledConfig() {
        assertEquals(absolute("/etc/init.json"), resolve(null, null, "/etc/init.json").description());
    }

    @Test
    void withNothingSetTheBundledConfigIsUsed() {
        assertSame(BUNDLED, resolve(null, null, null));
    }

    @Test
    void blankValuesAreSkipped() {
        assertEquals(absolute("/etc/init.json"), resolve("", "  ", "/etc/init.json").description());
        assertSame(BUNDLED, resolve(" ", "", "\t"));
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertEquals(absolute("/etc/prop.json"), resolve("  /etc/prop.json \n", null, null).description());
    }

    @Test
    void theDescriptionIsTheAbsoluteFilePath() {
        String description = resolve("conf/gateway.json", null, null).description();
        assertEquals(Path.of("conf/gateway.json").toAbsolutePath().toString(), description);
        assertTrue(Path.of(description).isAbsolute());
    }
}
