package io.github.apigateway.proxy;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponseHeaderPolicyTest {

    private static BasicHttpResponse upstream(int status, String... nameValues) {
        BasicHttpResponse response = new BasicHttpResponse(status);
        for (int i = 0; i < nameValues.length; i += 2) {
            response.addHeader(nameValues[i], nameValues[i + 1]);
        }
        return response;
    }

    private static List<String> names(ClientResponseHead head) {
        return head.headers().stream().map(Header::getName).toList();
    }

    private static List<String> values(ClientResponseHead head, String name) {
        return head.headers().stream().filter(h -> h.getName().equalsIgnoreCase(name)).map(Header::getValue).toList();
    }

    @Test
    void theStatusPassesUnchanged() {
        assertEquals(418, ResponseHeaderPolicy.forClient(upstream(418)).status());
    }

    @Test
    void endToEndHeadersPassInTheUpstreamsOrderWithRepeatsKept() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200,
                "Content-Type", "text/plain", "Set-Cookie", "a=1", "Location", "/x", "Set-Cookie", "b=2"));
        assertEquals(List.of("Content-Type", "Set-Cookie", "Location", "Set-Cookie", "Via"), names(head));
        assertEquals(List.of("a=1", "b=2"), values(head, "Set-Cookie"));
    }

    @Test
    void hopByHopHeadersAreDropped() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200,
                "Connection", "keep-alive", "Keep-Alive", "timeout=5", "Transfer-Encoding", "chunked",
                "Trailer", "X-Checksum", "Upgrade", "h2c", "Proxy-Authenticate", "Basic", "Proxy-Connection", "close"));
        assertEquals(List.of("Via"), names(head));
    }

    @Test
    void headersTheUpstreamsConnectionNamesAreDropped() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200,
                "Connection", "X-Internal-Hint", "X-Internal-Hint", "1", "X-Public", "2"));
        assertEquals(List.of("X-Public", "Via"), names(head));
    }

    @Test
    void theContentLengthTravelsAsANumberNotAsAHeader() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200, "Content-Length", "1024"));
        assertEquals(1024, head.contentLength());
        assertEquals(List.of("Via"), names(head));
    }

    @Test
    void aResponseWithoutContentLengthHasNoneToPassOn() {
        assertEquals(-1, ResponseHeaderPolicy.forClient(upstream(200)).contentLength());
    }

    @Test
    void viaNamesThisGatewayWhenTheUpstreamSentNone() {
        assertEquals(List.of("1.1 gateway"), values(ResponseHeaderPolicy.forClient(upstream(200)), "Via"));
    }

    @Test
    void viaAppendsThisGatewayAfterTheUpstreamsHops() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200, "Via", "1.1 cache-a", "Via", "1.0 cache-b"));
        assertEquals(List.of("1.1 cache-a, 1.0 cache-b, 1.1 gateway"), values(head, "Via"));
    }

    @Test
    void theUpstreamCannotReplaceTheGatewaysRequestId() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200, "X-Request-Id", "upstream-id"));
        assertEquals(List.of(), values(head, "X-Request-Id"));
    }

    @Test
    void connectionCannotTakeThisGatewayOutOfVia() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200, "Connection", "Via"));
        assertEquals(List.of("1.1 gateway"), values(head, "Via"));
    }

    @Test
    void anUpstreamCannotSetTheGatewaySessionCookie() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200,
                "Set-Cookie", "a=1; Path=/", "Set-Cookie", "GATEWAY_SESSION=forged; Path=/; HttpOnly",
                "Set-Cookie", " GATEWAY_SESSION =forged", "Set-Cookie", "b=2"));
        assertEquals(List.of("a=1; Path=/", "b=2"), values(head, "Set-Cookie"));
    }

    @Test
    void setCookieHeadersOfOtherNamesPassUnchanged() {
        ClientResponseHead head = ResponseHeaderPolicy.forClient(upstream(200,
                "Set-Cookie", "JSESSIONID=upstream; Path=/app", "Set-Cookie", "x=GATEWAY_SESSION=1"));
        assertEquals(List.of("JSESSIONID=upstream; Path=/app", "x=GATEWAY_SESSION=1"), values(head, "Set-Cookie"));
    }
}
