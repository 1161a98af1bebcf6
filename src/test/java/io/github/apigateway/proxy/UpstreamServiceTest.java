package io.github.apigateway.proxy;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class UpstreamServiceTest {

    private static final UpstreamService SERVICE = UpstreamService.of(ServiceDefinitions.of("orders",
            Duration.ofMillis(2_000), Duration.ofMillis(750), "http://127.0.0.1:9001", "http://127.0.0.1:9002"));

    @Test
    void eachRequestCarriesTheServicesResponseTimeout() {
        RequestConfig config = SERVICE.newContext().getRequestConfigOrDefault();
        assertEquals(Timeout.ofMilliseconds(750), config.getResponseTimeout());
    }

    @Test
    void waitingForAPooledConnectionIsBoundedByTheResponseTimeout() {
        RequestConfig config = SERVICE.newContext().getRequestConfigOrDefault();
        assertEquals(Timeout.ofMilliseconds(750), config.getConnectionRequestTimeout());
    }

    @Test
    void redirectsAreNotFollowed() {
        assertFalse(SERVICE.newContext().getRequestConfigOrDefault().isRedirectsEnabled());
    }
}
