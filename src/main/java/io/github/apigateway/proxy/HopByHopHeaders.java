package io.github.apigateway.proxy;

import io.github.apigateway.http.GatewayHeaders;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RFC 9110 section 7.6.1: headers that describe one connection and so are never forwarded, in either
 * direction, together with every header the message's own {@code Connection} header names.
 */
public final class HopByHopHeaders {

    private static final Set<String> ALWAYS = caseInsensitive(GatewayHeaders.HOP_BY_HOP);

    private final Set<String> namedByConnection;

    private HopByHopHeaders(Set<String> namedByConnection) {
        this.namedByConnection = namedByConnection;
    }

    /** @param connectionValues the values of the message's {@code Connection} headers */
    public static HopByHopHeaders of(List<String> connectionValues) {
        if (connectionValues.isEmpty()) {
            return new HopByHopHeaders(Set.of());
        }
        Set<String> named = caseInsensitive(List.of());
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        return new HopByHopHeaders(named);
    }

    public boolean contains(String name) {
        return ALWAYS.contains(name) || namedByConnection.contains(name);
    }

    public static Set<String> caseInsensitive(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return set;
    }
}
