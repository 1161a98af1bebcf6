package io.github.apigateway.transform;

import io.github.apigateway.config.RequestTransform;
import io.github.apigateway.http.GatewayException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a route's {@code request_transform} makes of one request, worked out once (every try of the
 * request sends the same): the target's path and query, and the header changes, templates expanded for
 * the caller.
 *
 * @param path       the path to forward
 * @param query      the query to forward, or null for none
 * @param setHeaders    header name to expanded value
 * @param removeHeaders names compared case-insensitively (the set {@link RequestTransform} holds)
 */
public record RequestChanges(String path, String query, Map<String, String> setHeaders, Set<String> removeHeaders) {

    public RequestChanges {
        setHeaders = Map.copyOf(setHeaders);
    }

    /** A request forwarded as it is. */
    public static RequestChanges none(String path, String query) {
        return new RequestChanges(path, query, Map.of(), Set.of());
    }

    /**
     * @param path  the path as {@code strip_path} left it
     * @param query the client's query string, or null
     * @throws GatewayException when the path cannot be rewritten ({@link PathRewriter})
     */
    public static RequestChanges of(RequestTransform transform, String path, String query, CallerValues caller) {
        String forwardedPath = transform.rewritePath() == null ? path : PathRewriter.rewrite(transform.rewritePath(), path);
        Map<String, String> expanded = new LinkedHashMap<>();
        transform.setHeaders().forEach((name, template) -> expanded.put(name, template.expand(caller::value)));
        return new RequestChanges(forwardedPath, QueryRewriter.rewrite(transform.setQuery(), query), expanded,
                transform.removeHeaders());
    }

    /** The request target: the path, and the query when there is one. */
    public String target() {
        return query == null ? path : path + "?" + query;
    }

    /**
     * @param forwarded the headers the gateway would send; the transform's names are never the gateway's own
     * @return them less the removed and set ones, then the set ones
     */
    public List<Header> applyTo(List<Header> forwarded) {
        if (setHeaders.isEmpty() && removeHeaders.isEmpty()) {
            return forwarded;
        }
        List<Header> result = new ArrayList<>(forwarded.size() + setHeaders.size());
        for (Header header : forwarded) {
            if (!removeHeaders.contains(header.getName()) && !isSet(header.getName())) {
                result.add(header);
            }
        }
        setHeaders.forEach((name, value) -> result.add(new BasicHeader(name, value)));
        return result;
    }

    private boolean isSet(String name) {
        return setHeaders.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }
}
