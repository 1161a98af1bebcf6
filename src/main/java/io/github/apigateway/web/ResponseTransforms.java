package io.github.apigateway.web;

import io.github.apigateway.config.ResponseTransform;
import io.github.apigateway.proxy.ClientResponseHead;
import io.github.apigateway.transform.JsonBodyRewrite;
import io.github.apigateway.transform.ResponseHeaders;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/** What a route's {@code response_transform} makes of an upstream answer's head, and whether its body is rewritten. */
final class ResponseTransforms {

    private static final System.Logger LOG = System.getLogger(ResponseTransforms.class.getName());

    private ResponseTransforms() {
    }

    static ClientResponseHead head(ResponseTransform transform, ClientResponseHead head) {
        if (!transform.changesHeaders()) {
            return head;
        }
        return new ClientResponseHead(head.status(), ResponseHeaders.transform(transform, head.headers()),
                head.contentLength());
    }

    /**
     * A compressed JSON body passes unchanged (the gateway does not decode and re-encode bodies); the log
     * says why its fields were not rewritten.
     *
     * @return the rewrite of the answer's body, or null when it passes as it comes
     */
    static JsonBodyRewrite bodyRewrite(ResponseTransform transform, HttpResponse upstream, String requestId) {
        if (transform.json() == null || !JsonBodyRewrite.appliesTo(value(upstream.getFirstHeader("Content-Type")))) {
            return null;
        }
        String encoding = value(upstream.getFirstHeader("Content-Encoding"));
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            LOG.log(System.Logger.Level.INFO, () -> "Request " + requestId + ": the JSON body is compressed ("
                    + encoding + "); it passes unchanged, without the route's response_transform.json");
            return null;
        }
        return new JsonBodyRewrite(transform.json());
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }
}
