package io.github.apigateway.web;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.http.GatewayHeaders;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The request as every later filter and the upstream see it: the client's own {@code X-User-*} and
 * {@code X-Client-Id} headers (and the consumed API key) removed, the gateway's identity headers
 * added. Reading through this view is what makes the identity headers unforgeable, for the proxy and
 * for a rate limit's {@code when} alike.
 */
final class IdentityHeadersRequest extends HttpServletRequestWrapper {

    private final Map<String, String> identityHeaders;
    private final String consumedHeader;

    IdentityHeadersRequest(HttpServletRequest request, Identity identity, String consumedHeader) {
        super(request);
        this.identityHeaders = identity == null ? Map.of() : headersOf(identity);
        this.consumedHeader = consumedHeader;
    }

    private static Map<String, String> headersOf(Identity identity) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-User-Id", identity.subject());
        if (identity.username() != null) {
            headers.put("X-User-Name", identity.username());
        }
        headers.put("X-User-Roles", String.join(",", new TreeSet<>(identity.roles())));
        if (identity.clientId() != null) {
            headers.put("X-Client-Id", identity.clientId());
        }
        if (identity.tier() != null) {
            headers.put("X-User-Tier", identity.tier());
        }
        return headers;
    }

    private boolean hidden(String name) {
        return GatewayHeaders.isIdentityHeader(name) || (consumedHeader != null && consumedHeader.equalsIgnoreCase(name));
    }

    private String gatewayValue(String name) {
        for (Map.Entry<String, String> header : identityHeaders.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    @Override
    public String getHeader(String name) {
        return hidden(name) ? gatewayValue(name) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!hidden(name)) {
            return super.getHeaders(name);
        }
        String value = gatewayValue(name);
        return Collections.enumeration(value == null ? List.of() : List.of(value));
    }

    /** Numeric and date readers go through {@link #getHeader}, so they see the same view. */
    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public long getDateHeader(String name) {
        if (!hidden(name)) {
            return super.getDateHeader(name);
        }
        if (gatewayValue(name) == null) {
            return -1;
        }
        throw new IllegalArgumentException(name + " is not a date");
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> own = super.getHeaderNames(); own.hasMoreElements(); ) {
            String name = own.nextElement();
            if (!hidden(name)) {
                names.add(name);
            }
        }
        names.addAll(identityHeaders.keySet());
        return Collections.enumeration(names);
    }
}
