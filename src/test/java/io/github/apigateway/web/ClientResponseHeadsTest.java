package io.github.apigateway.web;

import io.github.apigateway.proxy.ClientResponseHead;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the upstream's head lands on a client response the container may have written to already. */
class ClientResponseHeadsTest {

    private final FakeClientExchange client = new FakeClientExchange();

    @Test
    void theUpstreamsValueReplacesOneTheContainerSetInAdvance() {
        client.response.setHeader("Date", "container's");

        ClientResponseHeads.apply(new ClientResponseHead(200, List.of(new BasicHeader("date", "upstream's")), -1),
                client.response);

        assertEquals(List.of("upstream's"), client.headers.get("Date"));
    }

    @Test
    void repeatedValuesOfANameAllArriveInTheirOrder() {
        client.response.setHeader("Set-Cookie", "container's");

        ClientResponseHeads.apply(new ClientResponseHead(200, List.of(new BasicHeader("Set-Cookie", "a=1"),
                new BasicHeader("Set-Cookie", "b=2"), new BasicHeader("Vary", "Accept")), -1), client.response);

        assertEquals(List.of("a=1", "b=2"), client.headers.get("Set-Cookie"));
        assertEquals(List.of("Accept"), client.headers.get("Vary"));
    }
}
