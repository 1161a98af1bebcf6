package io.github.apigateway.it.hostile;

import io.github.apigateway.it.RawHttp;
import io.github.apigateway.it.RecordingUpstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What handling an attack looks like: a refusal lets nothing reach the upstream (and is the gateway's JSON
 * error when the gateway refuses), a normalised request reaches it once with exactly the accepted body.
 */
final class Refusals {

    /** How long the upstream's hit log is watched for a request that must not come. */
    static final long QUIET_MILLIS = 300;

    private Refusals() {
    }

    static void assertHandled(Handling handling, RawHttp.Response response, RecordingUpstream upstream)
            throws InterruptedException {
        if (handling instanceof Handling.RefusedByContainer refused) {
            assertEquals(refused.status(), response.status(), response.statusLine() + " " + response.bodyText());
        } else if (handling instanceof Handling.RefusedByGateway refused) {
            assertRefused(response, refused.status(), refused.error());
        } else if (handling instanceof Handling.Normalised normalised) {
            assertEquals(200, response.status(), response.statusLine() + " " + response.bodyText());
            assertEquals(normalised.body(), upstream.takeRequest().bodyText());
        } else if (handling instanceof Handling.NormalisedThenPipelined normalised) {
            assertEquals(200, response.status(), response.statusLine() + " " + response.bodyText());
            assertEquals(normalised.body(), upstream.takeRequest().bodyText());
            RecordingUpstream.Received next = upstream.takeRequest();
            assertEquals("GET /api/smuggled", next.method() + " " + next.uri());
        }
        assertNothingReached(upstream);
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
