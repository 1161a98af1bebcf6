package io.github.apigateway.it.hostile;

import io.github.apigateway.it.RawHttp;
import io.github.apigateway.it.RecordingUpstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every refusal of an attack looks like: the gateway's JSON error, and nothing at the upstream. */
final class Refusals {

    /** How long the upstream's hit log is watched for a request that must not come. */
    static final long QUIET_MILLIS = 300;

    private Refusals() {
    }

    static void assertRefused(RawHttp.Response response, int status, String error) {
        assertEquals(status, response.status(), response.statusLine() + " " + response.bodyText());
        assertTrue(String.valueOf(response.header("Content-Type")).startsWith("application/json"),
                "Content-Type " + response.header("Content-Type") + ": " + response.bodyText());
        assertTrue(response.bodyText().contains("\"error\":\"" + error + "\""), response.bodyText());
    }

    static void assertNothingReached(RecordingUpstream upstream) throws InterruptedException {
        RecordingUpstream.Received received = upstream.pollRequest(QUIET_MILLIS);
        assertNull(received, () -> "the upstream received " + received.method() + " " + received.uri()
                + " with body '" + received.bodyText() + "'");
    }
}
