package io.github.apigateway.web;

import io.github.apigateway.http.GatewayHeaders;
import io.github.apigateway.proxy.ClientResponseHead;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.core5.http.Header;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Writes the head {@link io.github.apigateway.proxy.ResponseHeaderPolicy} chose onto the client's response, and takes it off again. */
final class ClientResponseHeads {

    /** The gateway's own headers, which an error answer keeps while the upstream's are dropped. */
    private static final List<String> KEPT_ON_RESET = List.of(GatewayHeaders.REQUEST_ID,
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    private ClientResponseHeads() {
    }

    static void apply(ClientResponseHead head, HttpServletResponse response) {
        response.setStatus(head.status());
        Set<String> written = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : head.headers()) {
            // The first value of a name replaces what the container set in advance (Date, Server); later
            // values of the name (Set-Cookie) are added beside it. Adding is the cheap case for the
            // container (no search and replace in its fields), so a name it does not have is added.
            if (written.add(header.getName()) && response.containsHeader(header.getName())) {
                response.setHeader(header.getName(), header.getValue());
            } else {
                response.addHeader(header.getName(), header.getValue());
            }
        }
        if (head.contentLength() >= 0) {
            response.setContentLengthLong(head.contentLength());
        }
    }

    /** Clears an uncommitted response of the upstream's head, for an error answer in its place. */
    static void resetKeepingTheGatewaysHeaders(HttpServletResponse response) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_ON_RESET) {
            if (response.getHeader(name) != null) {
                kept.put(name, response.getHeader(name));
            }
        }
        response.reset();
        kept.forEach(response::setHeader);
    }
}
