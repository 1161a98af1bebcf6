package io.github.apigateway.web;

import io.github.apigateway.proxy.HopByHopHeaders;
import io.github.apigateway.http.GatewayHeaders;
import io.github.apigateway.routing.RouteMatch;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.net.URIAuthority;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * Builds the request sent upstream from the client's: the matched (normalised, maybe stripped) path with
 * the query string byte for byte, end-to-end headers copied, hop-by-hop headers dropped, and the
 * gateway's own headers set: {@code X-Forwarded-*}, {@code Via}, {@code X-Request-Id}, {@code Host}.
 */
final class UpstreamRequests {

    /** Headers this class writes itself, or that the HTTP client derives from the body it streams. */
    private static final Set<String> REPLACED = HopByHopHeaders.caseInsensitive(java.util.List.of(
            "Host", "Content-Length", "Expect", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            "X-Forwarded-Prefix", "Via", GatewayHeaders.REQUEST_ID));

    static final String VIA = "1.1 gateway";

    private UpstreamRequests() {
    }

    static HttpRequest build(HttpServletRequest client, RouteMatch match, HttpHost instance, String requestId) {
        HttpRequest upstream = new BasicHttpRequest(client.getMethod(), instance, target(client, match));
        String clientHost = client.getHeader("Host");
        if (match.route().preserveHost() && clientHost != null) {
            upstream.setAuthority(parseAuthority(clientHost, instance));
        }
        copyEndToEndHeaders(client, upstream);
        upstream.addHeader("X-Forwarded-For", appended(client.getHeaders("X-Forwarded-For"), client.getRemoteAddr()));
        upstream.addHeader("X-Forwarded-Proto", client.getScheme());
        if (clientHost != null) {
            upstream.addHeader("X-Forwarded-Host", clientHost);
        }
        String prefix = client.getContextPath() + match.strippedPrefix();
        if (!prefix.isEmpty()) {
            upstream.addHeader("X-Forwarded-Prefix", prefix);
        }
        upstream.addHeader("Via", appended(client.getHeaders("Via"), VIA));
        upstream.addHeader(GatewayHeaders.REQUEST_ID, requestId);
        return upstream;
    }

    private static String target(HttpServletRequest client, RouteMatch match) {
        String query = client.getQueryString();
        return query == null ? match.upstreamPath() : match.upstreamPath() + "?" + query;
    }

    private static void copyEndToEndHeaders(HttpServletRequest client, HttpRequest upstream) {
        HopByHopHeaders hopByHop = HopByHopHeaders.of(Collections.list(client.getHeaders("Connection")));
        for (Enumeration<String> names = client.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (hopByHop.contains(name) || REPLACED.contains(name)) {
                continue;
            }
            for (Enumeration<String> values = client.getHeaders(name); values.hasMoreElements(); ) {
                upstream.addHeader(name, values.nextElement());
            }
        }
    }

    /** RFC 7239-style lists: earlier hops first, this hop last. */
    private static String appended(Enumeration<String> existing, String value) {
        StringBuilder joined = new StringBuilder();
        while (existing.hasMoreElements()) {
            joined.append(existing.nextElement()).append(", ");
        }
        return joined.append(value).toString();
    }

    private static URIAuthority parseAuthority(String host, HttpHost fallback) {
        try {
            return URIAuthority.create(host);
        } catch (java.net.URISyntaxException e) {
            return new URIAuthority(fallback);
        }
    }
}
