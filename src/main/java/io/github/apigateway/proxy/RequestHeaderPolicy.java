package io.github.apigateway.proxy;

import io.github.apigateway.http.GatewayHeaders;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which headers the upstream gets: the client's end-to-end headers, without the hop-by-hop ones and
 * those the client's {@code Connection} names (RFC 9110 section 7.6.1), then the gateway's own:
 * {@code X-Forwarded-For} (this client appended), {@code X-Forwarded-Proto}, {@code X-Forwarded-Host},
 * {@code X-Forwarded-Prefix}, {@code Via} (this hop appended) and {@code X-Request-Id}. The gateway's own
 * session cookie is taken out of {@code Cookie} ({@link GatewaySessionCookie}).
 *
 * <p>{@code Connection} only takes away what the client itself sent: the gateway's identity headers and
 * the headers it writes here reach the upstream whatever the client names there. Otherwise a client
 * could strip its identity from a request the gateway authenticated, or its address from the chain.
 */
public final class RequestHeaderPolicy {

    /** Written below, or derived by the HTTP client from the instance and the body it streams. */
    private static final Set<String> NOT_COPIED = HopByHopHeaders.caseInsensitive(List.of(
            "Host", "Content-Length", "Expect", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            "X-Forwarded-Prefix", "Via", GatewayHeaders.REQUEST_ID));

    private RequestHeaderPolicy() {
    }

    /**
     * @param forwardedPrefix the part of the path the gateway took off (context path and stripped route
     *                        prefix), empty when none
     */
    public static List<Header> forUpstream(ClientRequest client, String forwardedPrefix, String requestId) {
        List<Header> headers = endToEnd(client);
        headers.add(new BasicHeader("X-Forwarded-For",
                ThisHop.appendedTo(client.values("X-Forwarded-For"), client.remoteAddress())));
        headers.add(new BasicHeader("X-Forwarded-Proto", client.scheme()));
        String host = client.first("Host");
        if (host != null) {
            headers.add(new BasicHeader("X-Forwarded-Host", host));
        }
        if (!forwardedPrefix.isEmpty()) {
            headers.add(new BasicHeader("X-Forwarded-Prefix", forwardedPrefix));
        }
        headers.add(new BasicHeader("Via", ThisHop.appendedTo(client.values("Via"), ThisHop.VIA)));
        headers.add(new BasicHeader(GatewayHeaders.REQUEST_ID, requestId));
        return headers;
    }

    private static Optional<Header> withoutGatewaySession(Header cookie) {
        String rest = GatewaySessionCookie.removedFrom(cookie.getValue());
        if (rest == null) {
            return Optional.empty();
        }
        return Optional.of(rest.equals(cookie.getValue()) ? cookie : new BasicHeader(cookie.getName(), rest));
    }

    private static List<Header> endToEnd(ClientRequest client) {
        HopByHopHeaders hopByHop = HopByHopHeaders.of(client.values("Connection"));
        List<Header> copied = new ArrayList<>();
        for (Header header : client.headers()) {
            String name = header.getName();
            if (NOT_COPIED.contains(name)) {
                continue;
            }
            if (!GatewayHeaders.isIdentityHeader(name) && hopByHop.contains(name)) {
                continue;
            }
            if (name.equalsIgnoreCase("Cookie")) {
                withoutGatewaySession(header).ifPresent(copied::add);
            } else {
                copied.add(header);
            }
        }
        return copied;
    }
}
