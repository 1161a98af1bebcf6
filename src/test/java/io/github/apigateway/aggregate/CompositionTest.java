package io.github.apigateway.aggregate;

import io.github.apigateway.config.AggregateCall;
import io.github.apigateway.config.CallPath;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompositionTest {

    /** What the listener heard, in order: "answered {...}" or "failed 502 message". */
    private final List<String> heard = new ArrayList<>();
    private final AggregateListener listener = new AggregateListener() {
        @Override
        public void answered(ComposedJson body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.chunks().forEach(out::writeBytes);
            heard.add("answered " + out.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void failed(GatewayException error) {
            heard.add("failed " + error.status() + " " + error.getMessage());
        }
    };
    private final Composition composition = new Composition(List.of(call("user", true), call("orders", false)), listener);

    private static AggregateCall call(String name, boolean required) {
        return new AggregateCall(name, "svc", CallPath.parse("/x"), required);
    }

    private static CallOutcome json(String text) {
        return CallOutcome.answered(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAnswerComesWhenTheLastCallEnds() {
        composition.report(1, json("[]"));
        assertTrue(heard.isEmpty());
        composition.report(0, json("{}"));
        assertEquals(List.of("answered {\"user\":{},\"orders\":[]}"), heard);
    }

    @Test
    void aFailedOptionalCallIsNamedInErrors() {
        composition.report(0, json("{}"));
        composition.report(1, CallOutcome.failed(CallError.BAD_STATUS));
        assertEquals(List.of("answered {\"user\":{},\"orders\":null,\"_errors\":{\"orders\":\"bad_status\"}}"), heard);
    }

    @Test
    void aFailedRequiredCallEndsTheRequestAtOnceNamingTheCall() {
        composition.report(0, CallOutcome.failed(CallError.NOT_JSON));
        assertEquals(List.of("failed 502 The required call 'user' failed: not_json."), heard);
    }

    @Test
    void atTheDeadlineALateOptionalCallHasTimedOut() {
        composition.report(0, json("{}"));
        composition.deadlinePassed();
        assertEquals(List.of("answered {\"user\":{},\"orders\":null,\"_errors\":{\"orders\":\"timeout\"}}"), heard);
    }

    @Test
    void atTheDeadlineALateRequiredCallFailsTheRequest() {
        composition.report(1, json("[]"));
        composition.deadlinePassed();
        assertEquals(List.of("failed 502 The required call 'user' failed: timeout."), heard);
    }

    @Test
    void anOutcomeAfterTheDeadlineIsIgnored() {
        composition.report(0, json("{}"));
        composition.deadlinePassed();
        composition.report(1, json("[]"));
        assertEquals(1, heard.size());
    }

    @Test
    void theDeadlineAfterTheAnswerIsIgnored() {
        composition.report(0, json("{}"));
        composition.report(1, json("[]"));
        composition.deadlinePassed();
        assertEquals(1, heard.size());
    }

    @Test
    void aCancelledRequestTellsNobody() {
        composition.cancel();
        composition.report(0, json("{}"));
        composition.report(1, json("[]"));
        assertTrue(heard.isEmpty());
    }

    @Test
    void theDeadlineIsCancelledWhenTheAnswerComes() {
        boolean[] deadlineCancelled = {false};
        composition.deadline(() -> deadlineCancelled[0] = true);
        composition.report(0, json("{}"));
        composition.report(1, json("[]"));
        assertTrue(deadlineCancelled[0]);
    }

    @Test
    void aDeadlineSetAfterTheAnswerIsCancelledAtOnce() {
        composition.report(0, json("{}"));
        composition.report(1, json("[]"));
        boolean[] deadlineCancelled = {false};
        composition.deadline(() -> deadlineCancelled[0] = true);
        assertTrue(deadlineCancelled[0]);
    }
}
