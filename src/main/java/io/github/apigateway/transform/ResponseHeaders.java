package io.github.apigateway.transform;

import io.github.apigateway.config.ResponseTransform;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.ArrayList;
import java.util.List;

/** Applies a route's {@code response_transform} header changes to the head the client gets. */
public final class ResponseHeaders {

    private ResponseHeaders() {
    }

    /** @return the headers less the removed and set ones, then the set ones */
    public static List<Header> transform(ResponseTransform transform, List<Header> headers) {
        if (!transform.changesHeaders()) {
            return headers;
        }
        List<Header> result = new ArrayList<>(headers.size() + transform.setHeaders().size());
        for (Header header : headers) {
            if (!transform.removeHeaders().contains(header.getName()) && !isSet(transform, header.getName())) {
                result.add(header);
            }
        }
        transform.setHeaders().forEach((name, value) -> result.add(new BasicHeader(name, value)));
        return result;
    }

    private static boolean isSet(ResponseTransform transform, String name) {
        return transform.setHeaders().keySet().stream().anyMatch(name::equalsIgnoreCase);
    }
}
