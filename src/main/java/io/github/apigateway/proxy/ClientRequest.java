package io.github.apigateway.proxy;

import org.apache.hc.core5.http.Header;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's request as the proxy forwards it, without servlet types. Its headers are those the
 * gateway's filters left: the client's own identity headers are gone and the gateway's are in their
 * place, so every {@code X-User-*} and {@code X-Client-Id} here is the gateway's.
 *
 * @param remoteAddress the address of the TCP peer
 * @param contextPath   the web application's context path, empty at the root
 * @param query         the query string as it came, or null
 * @param headers       in the order they came; a name may repeat
 */
public record ClientRequest(String method, String scheme, String remoteAddress, String contextPath, String query,
                            List<Header> headers) {

    public ClientRequest {
        headers = List.copyOf(headers);
    }

    /** Every value of the header, in order; empty when it is absent. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(1);
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
