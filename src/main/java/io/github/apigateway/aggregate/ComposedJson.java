package io.github.apigateway.aggregate;

import io.github.apigateway.config.AggregateCall;
import io.github.apigateway.config.Aggregation;
import io.github.apigateway.http.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of an aggregate route: one JSON object with each call's body under its name, in config order,
 * {@code null} for a call that failed, and {@code "_errors"} naming each failure when there is one. The
 * calls' bodies are written as they came (each was checked to be one JSON text), not parsed and printed
 * again: the answer is the pieces, in order, and their total length.
 *
 * @param chunks written one after another, they are the body
 * @param length the body's length in bytes
 */
public record ComposedJson(List<byte[]> chunks, long length) {

    public ComposedJson {
        chunks = List.copyOf(chunks);
    }

    /** @param outcomes each call's, in the order of {@code calls}; none is null */
    public static ComposedJson of(List<AggregateCall> calls, List<CallOutcome> outcomes) {
        List<byte[]> chunks = new ArrayList<>(calls.size() * 2 + 2);
        StringBuilder text = new StringBuilder("{");
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < calls.size(); i++) {
            String name = JsonText.quote(calls.get(i).name());
            CallOutcome outcome = outcomes.get(i);
            text.append(i == 0 ? "" : ",").append(name).append(':');
            if (outcome.isFailure()) {
                text.append("null");
                errors.append(errors.length() == 0 ? "" : ",").append(name).append(':')
                        .append(JsonText.quote(outcome.error().label()));
            } else {
                chunks.add(utf8(text));
                text.setLength(0);
                chunks.add(outcome.json());
            }
        }
        if (errors.length() > 0) {
            text.append(',').append(JsonText.quote(Aggregation.ERRORS_FIELD)).append(":{").append(errors).append('}');
        }
        chunks.add(utf8(text.append('}')));
        long length = 0;
        for (byte[] chunk : chunks) {
            length += chunk.length;
        }
        return new ComposedJson(chunks, length);
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
