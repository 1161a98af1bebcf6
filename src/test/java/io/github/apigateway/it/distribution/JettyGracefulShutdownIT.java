package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to Jetty while a request is in flight: with Jetty's {@code graceful} module and a stop timeout,
 * Jetty stops accepting, waits for the requests it has, and only then closes its connectors and stops the
 * gateway's context. (Without them Jetty closes the connectors first: the in-flight request was answered
 * {@code 200} with an empty body.)
 */
class JettyGracefulShutdownIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void sigtermLetsARequestInFlightFinishThenJettyExits() throws Exception {
        UPSTREAM.respondWith(SlowAnswer.afterThreeSeconds());
        JettyDistribution jetty = JettyDistribution.prepare("jetty-graceful-shutdown");
        Path config = GatewayConfigFile.write(jetty.workDirectory(), "/slow", UPSTREAM.url());
        jetty.jvmOptions("-Dgateway.config=" + config);
        try (ContainerProcess running = jetty.start()) {
            assertTrue(running.executable().endsWith("/java"), "start.jar runs Jetty in the JVM it was started in: "
                    + running.executable());
            CompletableFuture<HttpResponse<String>> inFlight = Http.getAsync(running.baseUrl(), "/slow/download");
            assertNotNull(UPSTREAM.takeRequest(), "the request reached the upstream");

            running.sigterm();

            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals(SlowAnswer.BODY.length(), response.body().length(), "length of the body");
            assertEquals(SlowAnswer.BODY, response.body());
            assertTrue(running.awaitExit(Duration.ofSeconds(30)), "Jetty still runs 30 s after SIGTERM; log "
                    + running.logFile() + ":\n" + running.tail());
        }
    }
}
