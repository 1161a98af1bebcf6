package io.github.apigateway.web;

/**
 * Thrown by the proxy servlet, on the exchange's own async dispatch, to make the container close a
 * client connection whose response broke off after it was committed (see
 * {@link ClientExchangeEnd#abortConnection()}). It carries no stack trace: the container logs it, and
 * the only useful line is which request was cut off.
 */
public final class AbortedResponse extends RuntimeException {

    public static final String ATTRIBUTE = AbortedResponse.class.getName();

    AbortedResponse(String requestId) {
        super("Request " + requestId + ": the upstream response broke off after it had started;"
                + " closing the client connection so that the truncated body is not taken as whole", null, false, false);
    }
}
