package io.github.apigateway.ratelimit;

import io.github.apigateway.http.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The address a request comes from: the TCP peer, unless the peer is a trusted proxy; then the right-most
 * {@code X-Forwarded-For} address that is not itself a trusted proxy. Addresses an untrusted client
 * writes into the header change nothing.
 */
public final class ClientAddress {

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public String resolve(String peerAddress, Enumeration<String> forwardedFor) {
        if (trustedProxies.isEmpty() || !isTrusted(peerAddress)) {
            return peerAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
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
        InetAddress parsed = literal(address);
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

    /** Only IP literals are parsed, never looked up: a header value must not cause a DNS query. */
    private static InetAddress literal(String address) {
        if (address.indexOf('/') >= 0) {
            return null;
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        try {
            return InetAddress.getByAddress(Cidr.parse(bare).network());
        } catch (IllegalArgumentException | UnknownHostException notAnAddress) {
            return null;
        }
    }
}
