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
 * SIGTERM to Tomcat (what systemd, Docker and Kubernetes send) while a request is in flight: Tomcat pauses
 * its connector, the context waits for the request (the WAR's unloadDelay), the gateway drains, and only
 * then does the JVM exit.
 */
class TomcatGracefulShutdownIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void sigtermLetsARequestInFlightFinishThenTomcatExits() throws Exception {
        UPSTREAM.respondWith(SlowAnswer.afterThreeSeconds());
        TomcatDistribution tomcat = TomcatDistribution.prepare("tomcat-graceful-shutdown");
        Path config = GatewayConfigFile.write(tomcat.workDirectory(), "/slow", UPSTREAM.url());
        tomcat.catalinaOpts("-Dgateway.config=" + config);
        try (ContainerProcess running = tomcat.start()) {
            assertTrue(running.executable().endsWith("/java"),
                    "catalina.sh run execs java, so the signal reaches the JVM itself: " + running.executable());
            CompletableFuture<HttpResponse<String>> inFlight = Http.getAsync(running.baseUrl(), "/slow/download");
            assertNotNull(UPSTREAM.takeRequest(), "the request reached the upstream");

            running.sigterm();

            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals(SlowAnswer.BODY.length(), response.body().length(), "length of the body");
            assertEquals(SlowAnswer.BODY, response.body());
            assertTrue(running.awaitExit(Duration.ofSeconds(30)), "Tomcat still runs 30 s after SIGTERM; log "
                    + running.logFile() + ":\n" + running.tail());
        }
    }
}
