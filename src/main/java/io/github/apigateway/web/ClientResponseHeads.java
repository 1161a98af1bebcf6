package io.github.apigateway.web;

import io.github.apigateway.http.GatewayHeaders;
import io.github.apigateway.proxy.ClientResponseHead;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.core5.http.Header;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the head {@link io.github.apigateway.proxy.ResponseHeaderPolicy} chose onto the client's response, and takes it off again. */
final class ClientResponseHeads {

    /** The gateway's own headers, which an error answer keeps while the upstream's are dropped. */
    private static final List<String> KEPT_ON_RESET = List.of(GatewayHeaders.REQUEST_ID,
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    private ClientResponseHeads() {
    }

    static void apply(ClientResponseHead head, HttpServletResponse response) {
        response.setStatus(head.status());
        // The first value of a name the container set in advance (Date, Server) replaces it; every other
        // value is added, later ones of a name (Set-Cookie) beside the first. Adding is the cheap case:
        // no search and replace in the container's fields.
        List<String> preset = new ArrayList<>(response.getHeaderNames());
        for (Header header : head.headers()) {
            if (removedIgnoringCase(preset, header.getName())) {
                response.setHeader(header.getName(), header.getValue());
            } else {
                response.addHeader(header.getName(), header.getValue());
            }
        }
        if (head.contentLength() >= 0) {
            response.setContentLengthLong(head.contentLength());
        }
    }

    private static boolean removedIgnoringCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                return true;
            }
        }
        return false;
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
