package io.github.apigateway.it.hostile;

import io.github.apigateway.it.GatewayClient;
import io.github.apigateway.it.RawHttp;
import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.apigateway.it.hostile.Refusals.assertHandled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Requests too large to take are refused before they reach an upstream; requests that are large only in
 * how many parameters they carry are passed through byte for byte, the gateway parsing none of them
 * (a container that parses them caps their number and may consume a form body on the way).
 */
public interface OversizedRequestTests extends HostileTarget {

    @Test
    default void aSixtyFourKibibyteHeaderIsRefused() throws Exception {
        RawHttp.Response response = RawHttp.send(gateway(), "GET /api/big-header HTTP/1.1",
                List.of("X-Padding: " + "a".repeat(64 * 1024)), null);
        assertHandled(handling(Attack.HEADER_OF_64_KIB), response, upstream());
    }

    @Test
    default void aSixteenKibibyteUriIsRefused() throws Exception {
        RawHttp.Response response = RawHttp.send(gateway(), "GET /api/" + "u".repeat(16 * 1024) + " HTTP/1.1",
                List.of(), null);
        assertHandled(handling(Attack.URI_OF_16_KIB), response, upstream());
    }

    @Test
    default void twoThousandQueryParametersAreForwardedByteForByte() throws Exception {
        String query = IntStream.range(0, 2_000).mapToObj(i -> "q=" + (i % 10)).collect(Collectors.joining("&"));
        RawHttp.Response response = RawHttp.send(gateway(), "GET /api/search?" + query + " HTTP/1.1", List.of(), null);
        assertEquals(200, response.status(), response.bodyText());
        assertEquals("/api/search?" + query, upstream().takeRequest().uri());
    }

    @Test
    default void aFormOfTenThousandParametersIsForwardedByteForByte() throws Exception {
        byte[] form = IntStream.range(0, 10_000).mapToObj(i -> "field" + i + "=v%20" + i)
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = GatewayClient.send(GatewayClient.request(gateway(), "/api/form",
                        "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)));
        assertEquals(200, response.statusCode(), response.body());
        RecordingUpstream.Received received = upstream().takeRequest();
        assertEquals("application/x-www-form-urlencoded", received.header("Content-Type"));
        assertArrayEquals(form, received.body());
    }
}
