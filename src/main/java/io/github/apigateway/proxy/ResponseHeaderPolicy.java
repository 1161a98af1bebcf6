package io.github.apigateway.proxy;

import io.github.apigateway.http.GatewayHeaders;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which parts of the upstream's response head reach the client: the status and the end-to-end headers
 * as the upstream sent them (repeated ones too), without the hop-by-hop headers and those the upstream's
 * {@code Connection} names (RFC 9110 section 7.6.1). {@code Via} gets this hop appended (section 7.6.3),
 * the length travels as a number for the container to frame the body with, and the upstream cannot
 * replace the gateway's own {@code X-Request-Id} nor set the gateway's session cookie ({@link GatewaySessionCookie}).
 */
public final class ResponseHeaderPolicy {

    private static final Set<String> NOT_COPIED = HopByHopHeaders.caseInsensitive(List.of(
            "Content-Length", "Via", GatewayHeaders.REQUEST_ID));

    private ResponseHeaderPolicy() {
    }

    public static ClientResponseHead forClient(HttpResponse upstream) {
        HopByHopHeaders hopByHop = HopByHopHeaders.of(values(upstream.getHeaders("Connection")));
        List<Header> headers = new ArrayList<>();
        for (Header header : upstream.getHeaders()) {
            if (!hopByHop.contains(header.getName()) && !NOT_COPIED.contains(header.getName())
                    && !setsGatewaySession(header)) {
                headers.add(header);
            }
        }
        headers.add(new BasicHeader("Via", ThisHop.appendedTo(values(upstream.getHeaders("Via")), ThisHop.VIA)));
        return new ClientResponseHead(upstream.getCode(), headers, contentLength(upstream));
    }

    private static boolean setsGatewaySession(Header header) {
        return header.getName().equalsIgnoreCase("Set-Cookie") && GatewaySessionCookie.isSetBy(header.getValue());
    }

    private static long contentLength(HttpResponse upstream) {
        Header contentLength = upstream.getFirstHeader("Content-Length");
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.getValue().trim());
        } catch (NumberFormatException malformed) {
            // The HTTP client refuses a malformed length before a response gets here; nothing to pass on.
            return -1;
        }
    }

    private static List<String> values(Header[] headers) {
        return Arrays.stream(headers).map(Header::getValue).toList();
    }
}
