package io.github.apigateway.ratelimit;

import io.github.apigateway.http.Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")));
    private final ClientAddress direct = new ClientAddress(List.of());

    private static String resolve(ClientAddress resolver, String peer, String... forwardedFor) {
        return resolver.resolve(peer, List.of(forwardedFor));
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        assertEquals("198.51.100.7", resolve(direct, "198.51.100.7", "203.0.113.1"));
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertEquals("198.51.100.7", resolve(behindProxies, "198.51.100.7", "203.0.113.1"));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        assertEquals("203.0.113.9", resolve(behindProxies, "10.0.0.2", "192.0.2.66, 203.0.113.9, 10.1.2.3"));
    }

    @Test
    void addressesAcrossSeveralHeadersCountInOrder() {
        assertEquals("203.0.113.9", resolve(behindProxies, "10.0.0.2", "192.0.2.66", "203.0.113.9", "10.1.2.3"));
    }

    @Test
    void whenEveryHopIsTrustedTheFirstOneIsTheClient() {
        assertEquals("10.9.9.9", resolve(behindProxies, "10.0.0.2", "10.9.9.9, 10.1.2.3"));
    }

    @Test
    void aTrustedPeerWithoutForwardedForIsTheClient() {
        assertEquals("10.0.0.2", resolve(behindProxies, "10.0.0.2"));
    }

    @Test
    void anIpv6PeerCanBeTrusted() {
        assertEquals("203.0.113.9", resolve(behindProxies, "0:0:0:0:0:0:0:1", "203.0.113.9"));
    }

    @Test
    void garbageInTheHeaderIsNeverTrustedAndNeverLookedUp() {
        assertEquals("not-an-ip.example", resolve(behindProxies, "10.0.0.2", "not-an-ip.example"));
    }
}
