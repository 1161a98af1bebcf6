package io.github.apigateway.it.distribution;

import io.github.apigateway.it.GatewayClient;
import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM (what systemd, Docker and Kubernetes send) to a container while a request is in flight: the
 * request still gets its whole answer, and only then does the container's JVM exit.
 */
class GracefulShutdownIT {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    /**
     * With Jetty's {@code graceful} module and a stop timeout, Jetty stops accepting, waits for the requests
     * it has, and only then closes its connectors and stops the gateway's context. (Without them Jetty
     * closes the connectors first: the in-flight request was answered {@code 200} with an empty body.)
     */
    @Test
    void jettyLetsARequestInFlightFinishThenExits() throws Exception {
        assertSigtermLetsARequestInFlightFinish(new JettyDistribution("jetty-graceful-shutdown"),
                "start.jar runs Jetty in the JVM it was started in");
    }

    /**
     * Tomcat pauses its connector, the context waits for the request (the WAR's unloadDelay), the gateway
     * drains, and only then does the JVM exit.
     */
    @Test
    void tomcatLetsARequestInFlightFinishThenExits() throws Exception {
        assertSigtermLetsARequestInFlightFinish(new TomcatDistribution("tomcat-graceful-shutdown"),
                "catalina.sh run execs java, so the signal reaches the JVM itself");
    }

    private static void assertSigtermLetsARequestInFlightFinish(Distribution distribution, String whyTheJvmGetsTheSignal)
            throws Exception {
        UPSTREAM.respondWith(SlowAnswer.afterThreeSeconds());
        distribution.systemProperty("gateway.config", distribution.writeConfigFile("/slow", UPSTREAM.url()));
        try (ContainerProcess running = distribution.start()) {
            assertTrue(running.executable().endsWith("/java"), whyTheJvmGetsTheSignal + ": " + running.executable());
            CompletableFuture<HttpResponse<String>> inFlight = GatewayClient.getAsync(running.baseUrl(), "/slow/download");
            assertNotNull(UPSTREAM.takeRequest(), "the request reached the upstream");

            running.sigterm();

            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals(SlowAnswer.BODY.length(), response.body().length(), "length of the body");
            assertEquals(SlowAnswer.BODY, response.body());
            assertTrue(running.awaitExit(Duration.ofSeconds(30)), running.name() + " still runs 30 s after SIGTERM; log "
                    + running.logFile() + ":\n" + running.tail());
        }
    }
}
