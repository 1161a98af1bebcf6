package io.github.apigateway.aggregate;

/**
 * How one aggregate call ended: with a JSON body, or with an error.
 *
 * @param json  the call's body, checked to be one JSON text; null when the call failed
 * @param error null when the call answered
 */
public record CallOutcome(byte[] json, CallError error) {

    public static CallOutcome answered(byte[] json) {
        return new CallOutcome(json, null);
    }

    public static CallOutcome failed(CallError error) {
        return new CallOutcome(null, error);
    }

    public boolean isFailure() {
        return error != null;
    }
}
