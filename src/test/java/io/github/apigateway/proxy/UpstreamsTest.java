package io.github.apigateway.proxy;

import io.github.apigateway.config.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpstreamsTest {

    /** Each started HTTP client runs one such thread, which starts the client's I/O threads (one per core). */
    private static long httpClientMainThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("httpclient-main-"))
                .count();
    }

    @Test
    void manyServicesShareOneHttpClient() {
        List<ServiceDefinition> services = IntStream.range(0, 50)
                .mapToObj(i -> ServiceDefinitions.of("service-" + i, Duration.ofSeconds(2), Duration.ofSeconds(30),
                        "http://127.0.0.1:" + (9000 + i)))
                .toList();
        long before = httpClientMainThreads();
        try (Upstreams upstreams = Upstreams.start(services)) {
            assertEquals(1, httpClientMainThreads() - before);
        }
    }
}
