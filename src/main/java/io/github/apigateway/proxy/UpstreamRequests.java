package io.github.apigateway.proxy;

import io.github.apigateway.routing.RouteMatch;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.net.URIAuthority;

import java.net.URISyntaxException;

/**
 * The request sent to an instance for a client's request: the matched (normalised, maybe stripped)
 * path with the query string byte for byte, the headers of {@link RequestHeaderPolicy}, and the
 * instance as {@code Host} unless the route preserves the client's.
 */
public final class UpstreamRequests {

    private UpstreamRequests() {
    }

    public static HttpRequest build(ClientRequest client, RouteMatch match, HttpHost instance, String requestId) {
        HttpRequest upstream = new BasicHttpRequest(client.method(), instance, target(client, match));
        String clientHost = client.first("Host");
        if (match.route().preserveHost() && clientHost != null) {
            upstream.setAuthority(authority(clientHost, instance));
        }
        String forwardedPrefix = client.contextPath() + match.strippedPrefix();
        RequestHeaderPolicy.forUpstream(client, forwardedPrefix, requestId).forEach(upstream::addHeader);
        return upstream;
    }

    private static String target(ClientRequest client, RouteMatch match) {
        return client.query() == null ? match.upstreamPath() : match.upstreamPath() + "?" + client.query();
    }

    /** A Host the container accepted but URIAuthority cannot parse falls back to the instance's. */
    private static URIAuthority authority(String host, HttpHost instance) {
        try {
            return URIAuthority.create(host);
        } catch (URISyntaxException e) {
            return new URIAuthority(instance);
        }
    }
}
