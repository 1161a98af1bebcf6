package io.github.apigateway.proxy;

import io.github.apigateway.routing.RouteMatch;
import io.github.apigateway.transform.RequestChanges;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.net.URIAuthority;

import java.net.URISyntaxException;

/**
 * The request sent to an instance for a client's request: the matched (normalised, maybe stripped)
 * path with the query string byte for byte, the headers of {@link RequestHeaderPolicy}, and the
 * instance as {@code Host} unless the route preserves the client's; then the route's
 * {@code request_transform} ({@link RequestChanges}).
 */
public final class UpstreamRequests {

    private UpstreamRequests() {
    }

    public static HttpRequest build(ClientRequest client, RouteMatch match, HttpHost instance, String requestId) {
        return build(client, match, instance, requestId, RequestChanges.none(match.upstreamPath(), client.query()));
    }

    /** @param changes the target and header changes of the route's {@code request_transform} */
    public static HttpRequest build(ClientRequest client, RouteMatch match, HttpHost instance, String requestId,
                                    RequestChanges changes) {
        HttpRequest upstream = new BasicHttpRequest(client.method(), instance, changes.target());
        String clientHost = client.first("Host");
        if (match.route().preserveHost() && clientHost != null) {
            upstream.setAuthority(authority(clientHost, instance));
        }
        String forwardedPrefix = client.contextPath() + match.strippedPrefix();
        changes.applyTo(RequestHeaderPolicy.forUpstream(client, forwardedPrefix, requestId)).forEach(upstream::addHeader);
        return upstream;
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
