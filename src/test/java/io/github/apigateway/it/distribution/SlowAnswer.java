package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;

/** An upstream's answer that takes a while: a request in flight to stop a container under. */
final class SlowAnswer {

    static final long DELAY_MILLIS = 3_000;

    /** 256 KiB: more than one buffer at every hop, so a cut-off body cannot pass for the whole. */
    static final String BODY = "0123456789abcdef".repeat(16 * 1024);

    private SlowAnswer() {
    }

    /** Waits {@link #DELAY_MILLIS}, then answers 200 with {@link #BODY}. */
    static RecordingUpstream.Responder afterThreeSeconds() {
        return (exchange, request) -> {
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            RecordingUpstream.send(exchange, 200, BODY);
        };
    }
}
