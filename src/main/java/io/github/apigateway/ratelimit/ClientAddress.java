package io.github.apigateway.ratelimit;

import io.github.apigateway.http.Cidr;

import java.util.ArrayList;
import java.util.List;

/**
 * The address a request comes from: the TCP peer, unless the peer is a trusted proxy; then the right-most
 * {@code X-Forwarded-For} address that is not itself a trusted proxy. Addresses an untrusted client
 * writes into the header change nothing. Immutable; parses header values without regular expressions.
 */
public final class ClientAddress {

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String resolve(String peerAddress, List<String> forwardedFor) {
        if (trustedProxies.isEmpty() || !isTrusted(peerAddress)) {
            return peerAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peerAddress : hops.get(0);
    }

    private boolean isTrusted(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        byte[] parsed = Cidr.parseAddress(bare);
        if (parsed == null) {
            return false;
        }
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(parsed)) {
                return true;
            }
        }
        return false;
    }
}
