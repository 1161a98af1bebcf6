package io.github.apigateway.lifecycle;

import io.github.apigateway.cluster.ConfigVersion;
import io.github.apigateway.cluster.StoredConfig;
import io.github.apigateway.config.ConfigLoader;
import io.github.apigateway.config.ConfigSource;
import io.github.apigateway.ratelimit.ClientAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveConfigTest {

    private static final String JSON = """
            {"services": {"s": {"instances": ["http://127.0.0.1:9"]}},
             "routes": [{"id": "r", "path": "/*", "service": "s", "auth": "none"}]}
            """;

    private final AtomicInteger closed = new AtomicInteger();
    private final ActiveConfig config = new ActiveConfig(
            new StoredConfig(new ConfigVersion("epoch", 1), JSON, "test", Instant.EPOCH),
            ConfigLoader.load(new ConfigSource("test", () -> new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)))),
            null, Map.of(), null, new ClientAddress(List.of()));

    @Test
    void aVersionNobodyIsServedWithClosesItsUnusedPartsWhenReplaced() {
        config.replaced(closed::incrementAndGet);

        assertEquals(1, closed.get());
    }

    @Test
    void theUnusedPartsCloseWhenTheLastRequestOnTheReplacedVersionEnds() {
        assertTrue(config.enter());
        assertTrue(config.enter());
        config.replaced(closed::incrementAndGet);

        config.exit();
        assertEquals(0, closed.get());
        config.exit();
        assertEquals(1, closed.get());
    }

    @Test
    void noRequestEntersAReplacedVersion() {
        config.replaced(closed::incrementAndGet);

        assertFalse(config.enter());
        assertEquals(1, closed.get());
    }
}
