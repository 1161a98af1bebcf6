package io.github.apigateway.aggregate;

import io.github.apigateway.config.AggregateCall;
import io.github.apigateway.config.CallPath;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComposedJsonTest {

    private static final List<AggregateCall> CALLS = List.of(call("user"), call("orders"), call("item"));

    private static AggregateCall call(String name) {
        return new AggregateCall(name, "svc", CallPath.parse("/x"), false);
    }

    private static CallOutcome json(String text) {
        return CallOutcome.answered(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ComposedJson composed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        composed.chunks().forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachCallsBodyIsUnderItsNameInCallOrder() {
        ComposedJson composed = ComposedJson.of(CALLS, List.of(json("{\"id\":\"u\"}"), json("[1,2]"), json("\"é\"")));
        assertEquals("{\"user\":{\"id\":\"u\"},\"orders\":[1,2],\"item\":\"é\"}", text(composed));
    }

    @Test
    void aFailedCallIsNullAndNamedUnderErrors() {
        ComposedJson composed = ComposedJson.of(CALLS, List.of(json("{}"), CallOutcome.failed(CallError.TIMEOUT),
                CallOutcome.failed(CallError.MISSING_PATH_SEGMENT)));
        assertEquals("{\"user\":{},\"orders\":null,\"item\":null,"
                + "\"_errors\":{\"orders\":\"timeout\",\"item\":\"missing_path_segment\"}}", text(composed));
    }

    @Test
    void theLengthIsThatOfAllChunks() {
        ComposedJson composed = ComposedJson.of(CALLS, List.of(json("{\"name\":\"é\"}"), json("1"),
                CallOutcome.failed(CallError.NOT_JSON)));
        assertEquals(text(composed).getBytes(StandardCharsets.UTF_8).length, composed.length());
    }
}
