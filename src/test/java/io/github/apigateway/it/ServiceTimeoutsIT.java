package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service keeps its own response timeout although all services share one HTTP client and one
 * connection pool: two services on the same instance, which answers after 1.5 s, get a 504 and a 200.
 */
class ServiceTimeoutsIT extends DeployedGatewayTest {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {
                   "impatient": {"instances": ["%1$s"], "response_timeout_ms": 500},
                   "patient": {"instances": ["%1$s"], "response_timeout_ms": 5000}},
                 "routes": [
                   {"id": "impatient", "path": "/impatient/*", "service": "impatient", "auth": "none"},
                   {"id": "patient", "path": "/patient/*", "service": "patient", "auth": "none"}]}
                """.formatted(UPSTREAM.url()));
    }

    @BeforeAll
    static void answerAfterASecondAndAHalf() {
        UPSTREAM.respondWith((exchange, request) -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RecordingUpstream.send(exchange, 200, "late");
        });
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    private RawHttp.Response get(String path) throws Exception {
        return RawHttp.send(gateway, "GET " + path + " HTTP/1.1", List.of(), null);
    }

    @Test
    void aServiceWithAShortResponseTimeoutAnswers504() throws Exception {
        RawHttp.Response response = get("/impatient/x");
        assertEquals(504, response.status(), response.bodyText());
        assertTrue(response.bodyText().contains("\"error\":\"gateway_timeout\""), response.bodyText());
    }

    @Test
    void aServiceWithALongResponseTimeoutOnTheSameInstanceWaitsForTheAnswer() throws Exception {
        RawHttp.Response response = get("/patient/x");
        assertEquals(200, response.status(), response.bodyText());
        assertEquals("late", response.bodyText());
    }
}
