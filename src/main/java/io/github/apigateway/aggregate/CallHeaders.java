package io.github.apigateway.aggregate;

import io.github.apigateway.proxy.ClientRequest;
import io.github.apigateway.proxy.RequestHeaderPolicy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import java.util.List;
import java.util.Locale;

/**
 * The headers of every call of one aggregate request: what the proxy would forward for the client's
 * request ({@link RequestHeaderPolicy}: the caller's identity headers, its credentials and cookies, the
 * forwarding headers, {@code Via}, {@code X-Request-Id}), less those that describe the client's body or
 * negotiate the client's representation, which are the gateway's own business here: each call sends no
 * body and asks for JSON, uncompressed (the gateway reads it).
 */
final class CallHeaders {

    private CallHeaders() {
    }

    static List<Header> of(ClientRequest client, String requestId) {
        List<Header> headers = new java.util.ArrayList<>(RequestHeaderPolicy.forUpstream(client, "", requestId).stream()
                .filter(header -> !isAboutTheClientsRepresentation(header.getName())).toList());
        headers.add(new BasicHeader("Accept", "application/json"));
        return List.copyOf(headers);
    }

    private static boolean isAboutTheClientsRepresentation(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("content-") || lower.startsWith("accept") || lower.startsWith("if-")
                || lower.equals("range") || lower.equals("expect");
    }
}
