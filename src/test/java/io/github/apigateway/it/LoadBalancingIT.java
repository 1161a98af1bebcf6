package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a service spreads requests over its instances, and how it stops sending to a failing one. */
class LoadBalancingIT extends DeployedGatewayTest {

    @RegisterExtension
    static final RecordingUpstream HEAVY = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream LIGHT = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream FLAKY = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream STEADY = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream BROKEN_1 = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream BROKEN_2 = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig("""
                {"services": {
                   "weighted": {"instances": [{"url": "%s", "weight": 3}, "%s"]},
                   "flaky": {"instances": ["%s", "%s"], "retries": {"attempts": 0},
                             "outlier_detection": {"consecutive_failures": 5, "base_ejection_ms": 2000}},
                   "broken": {"instances": ["%s", "%s"], "retries": {"attempts": 0}}},
                 "routes": [
                   {"id": "weighted", "path": "/weighted/*", "service": "weighted", "auth": "none"},
                   {"id": "flaky", "path": "/flaky/*", "service": "flaky", "auth": "none"},
                   {"id": "broken", "path": "/broken/*", "service": "broken", "auth": "none"}]}
                """.formatted(HEAVY.url(), LIGHT.url(), FLAKY.url(), STEADY.url(), BROKEN_1.url(), BROKEN_2.url()));
    }

    private void getAll(String path, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            get(path + i);
        }
    }

    private static List<String> received(RecordingUpstream upstream) throws InterruptedException {
        List<String> uris = new ArrayList<>();
        for (RecordingUpstream.Received request = upstream.pollRequest(200); request != null; request = upstream.pollRequest(200)) {
            uris.add(request.uri());
        }
        return uris;
    }

    private static void answerUnavailable(RecordingUpstream upstream) {
        upstream.respondWith((exchange, request) -> RecordingUpstream.send(exchange, 503, "down"));
    }

    @Test
    void weightsThreeToOneSendThreeOfEveryFourRequestsToTheHeavierInterleaved() throws Exception {
        getAll("/weighted/", 8);
        assertEquals(List.of("/weighted/0", "/weighted/1", "/weighted/3", "/weighted/4", "/weighted/5", "/weighted/7"),
                received(HEAVY));
        assertEquals(List.of("/weighted/2", "/weighted/6"), received(LIGHT));
    }

    @Test
    void anInstanceIsEjectedAfterFiveFailuresInARowAndReadmittedAfterTheEjectionTime() throws Exception {
        answerUnavailable(FLAKY);
        getAll("/flaky/failing-", 10);
        assertEquals(5, received(FLAKY).size());
        getAll("/flaky/ejected-", 6);
        assertEquals(List.of(), received(FLAKY));
        assertEquals(11, received(STEADY).size());

        Thread.sleep(2_500);
        FLAKY.respondWith(RecordingUpstream::ok);
        getAll("/flaky/readmitted-", 2);
        assertEquals(1, received(FLAKY).size());
    }

    @Test
    void failuresEjectAtMostHalfTheInstancesAndNeverTheLast() throws Exception {
        answerUnavailable(BROKEN_1);
        answerUnavailable(BROKEN_2);
        getAll("/broken/", 20);
        List<Integer> counts = new ArrayList<>(List.of(received(BROKEN_1).size(), received(BROKEN_2).size()));
        counts.sort(null);
        assertEquals(List.of(5, 15), counts);
    }
}
