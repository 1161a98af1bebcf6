package io.github.apigateway.proxy;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestHeaderPolicyTest {

    private static final String REQUEST_ID = "req-1";

    /** A request from 192.0.2.7 over http to gateway.example, with the given header lines. */
    private static ClientRequest request(String... nameValues) {
        List<Header> headers = new ArrayList<>();
        headers.add(new BasicHeader("Host", "gateway.example"));
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(new BasicHeader(nameValues[i], nameValues[i + 1]));
        }
        return new ClientRequest("GET", "http", "192.0.2.7", "", null, headers);
    }

    private static List<Header> forUpstream(ClientRequest request) {
        return RequestHeaderPolicy.forUpstream(request, "", REQUEST_ID);
    }

    private static List<String> values(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.getName().equalsIgnoreCase(name)).map(Header::getValue).toList();
    }

    private static List<String> names(List<Header> headers) {
        return headers.stream().map(Header::getName).toList();
    }

    @Test
    void endToEndHeadersAreCopiedInOrderWithRepeatsKept() {
        List<Header> headers = forUpstream(request("Accept", "text/html", "Cookie", "a=1", "Accept", "*/*"));
        assertEquals(List.of("text/html", "*/*"), values(headers, "Accept"));
        assertEquals(List.of("Accept", "Cookie", "Accept"), names(headers).subList(0, 3));
    }

    @Test
    void hopByHopHeadersAreDropped() {
        List<Header> headers = forUpstream(request("Connection", "keep-alive", "Keep-Alive", "timeout=5",
                "TE", "trailers", "Transfer-Encoding", "chunked", "Upgrade", "websocket",
                "Proxy-Authorization", "Basic Zm9vOmJhcg==", "Proxy-Connection", "keep-alive", "Trailer", "X-Sum"));
        for (String name : List.of("Connection", "Keep-Alive", "TE", "Transfer-Encoding", "Upgrade",
                "Proxy-Authorization", "Proxy-Connection", "Trailer")) {
            assertEquals(List.of(), values(headers, name), name);
        }
    }

    @Test
    void headersTheClientsConnectionNamesAreDropped() {
        List<Header> headers = forUpstream(request("Connection", "close, X-Hop-Secret", "X-Hop-Secret", "1",
                "X-End-To-End", "kept"));
        assertEquals(List.of(), values(headers, "X-Hop-Secret"));
        assertEquals(List.of("kept"), values(headers, "X-End-To-End"));
    }

    @Test
    void connectionCannotDropTheGatewaysIdentityHeaders() {
        List<Header> headers = forUpstream(request("Connection", "X-User-Id, x-user-roles, X-Client-Id, X-User-Tier",
                "X-User-Id", "user-1", "X-User-Roles", "admin", "X-Client-Id", "cli", "X-User-Tier", "premium"));
        assertEquals(List.of("user-1"), values(headers, "X-User-Id"));
        assertEquals(List.of("admin"), values(headers, "X-User-Roles"));
        assertEquals(List.of("cli"), values(headers, "X-Client-Id"));
        assertEquals(List.of("premium"), values(headers, "X-User-Tier"));
    }

    @Test
    void connectionCannotDropTheForwardingHeadersViaOrTheRequestId() {
        List<Header> headers = RequestHeaderPolicy.forUpstream(request("Connection",
                "X-Forwarded-For, X-Forwarded-Proto, X-Forwarded-Host, X-Forwarded-Prefix, Via, X-Request-Id",
                "X-Forwarded-For", "203.0.113.9"), "/api", REQUEST_ID);
        assertEquals(List.of("203.0.113.9, 192.0.2.7"), values(headers, "X-Forwarded-For"));
        assertEquals(List.of("http"), values(headers, "X-Forwarded-Proto"));
        assertEquals(List.of("gateway.example"), values(headers, "X-Forwarded-Host"));
        assertEquals(List.of("/api"), values(headers, "X-Forwarded-Prefix"));
        assertEquals(List.of("1.1 gateway"), values(headers, "Via"));
        assertEquals(List.of(REQUEST_ID), values(headers, "X-Request-Id"));
    }

    @Test
    void theClientsAddressIsAppendedToEveryEarlierForwardedFor() {
        List<Header> headers = forUpstream(request("X-Forwarded-For", "203.0.113.9", "X-Forwarded-For", "10.0.0.1"));
        assertEquals(List.of("203.0.113.9, 10.0.0.1, 192.0.2.7"), values(headers, "X-Forwarded-For"));
    }

    @Test
    void theClientsAddressStartsTheForwardedForOfAFirstHop() {
        assertEquals(List.of("192.0.2.7"), values(forUpstream(request()), "X-Forwarded-For"));
    }

    @Test
    void viaAppendsThisGatewayAfterTheClientsHops() {
        assertEquals(List.of("1.0 edge, 1.1 gateway"), values(forUpstream(request("Via", "1.0 edge")), "Via"));
    }

    @Test
    void theProtoAndHostAreTheClientsOwn() {
        List<Header> headers = forUpstream(request());
        assertEquals(List.of("http"), values(headers, "X-Forwarded-Proto"));
        assertEquals(List.of("gateway.example"), values(headers, "X-Forwarded-Host"));
    }

    @Test
    void forgedForwardingHeadersAndRequestIdAreReplaced() {
        List<Header> headers = forUpstream(request("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Prefix", "/admin", "X-Request-Id", "forged"));
        assertEquals(List.of("http"), values(headers, "X-Forwarded-Proto"));
        assertEquals(List.of("gateway.example"), values(headers, "X-Forwarded-Host"));
        assertEquals(List.of(), values(headers, "X-Forwarded-Prefix"));
        assertEquals(List.of(REQUEST_ID), values(headers, "X-Request-Id"));
    }

    @Test
    void theStrippedPrefixIsForwarded() {
        List<Header> headers = RequestHeaderPolicy.forUpstream(request(), "/ctx/api/v1/users", REQUEST_ID);
        assertEquals(List.of("/ctx/api/v1/users"), values(headers, "X-Forwarded-Prefix"));
    }

    @Test
    void headersTheHttpClientDerivesAreLeftToIt() {
        List<Header> headers = forUpstream(request("Content-Length", "5", "Expect", "100-continue"));
        assertEquals(List.of(), values(headers, "Host"));
        assertEquals(List.of(), values(headers, "Content-Length"));
        assertEquals(List.of(), values(headers, "Expect"));
    }

    @Test
    void theGatewaySessionCookieIsTakenOutOfTheCookieHeaderAndTheOthersKeptAsTheyCame() {
        List<Header> headers = forUpstream(request("Cookie", "a=1;  theme=\"dark blue\"; GATEWAY_SESSION=s3cr3t; b=2"));
        assertEquals(List.of("a=1;  theme=\"dark blue\"; b=2"), values(headers, "Cookie"));
    }

    @Test
    void aLeadingGatewaySessionCookieLeavesTheRestWithoutLeadingSpace() {
        List<Header> headers = forUpstream(request("Cookie", "GATEWAY_SESSION=s3cr3t; a=1"));
        assertEquals(List.of("a=1"), values(headers, "Cookie"));
    }

    @Test
    void aCookieHeaderWithOnlyTheGatewaySessionIsDropped() {
        List<Header> headers = forUpstream(request("Cookie", "GATEWAY_SESSION=s3cr3t", "Cookie", "a=1"));
        assertEquals(List.of("a=1"), values(headers, "Cookie"));
    }

    @Test
    void cookiesOfOtherNamesPassEvenWhenTheNameContainsTheSessionCookies() {
        List<Header> headers = forUpstream(request("Cookie", "MY_GATEWAY_SESSION=1; gateway_session=2; GATEWAY_SESSIONS=3"));
        assertEquals(List.of("MY_GATEWAY_SESSION=1; gateway_session=2; GATEWAY_SESSIONS=3"), values(headers, "Cookie"));
    }
}
