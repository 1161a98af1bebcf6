package io.github.apigateway.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    /** IP literals only, so no DNS lookup happens. */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text), text);
    }

    @Test
    void anIpv4BlockContainsItsAddresses() {
        Cidr block = Cidr.parse("10.0.0.0/8");
        assertTrue(block.contains(ip("10.0.0.0")));
        assertTrue(block.contains(ip("10.255.255.255")));
    }

    @Test
    void anIpv4BlockDoesNotContainOtherAddresses() {
        Cidr block = Cidr.parse("192.168.1.0/24");
        assertFalse(block.contains(ip("192.168.2.1")));
        assertFalse(block.contains(ip("11.0.0.1")));
    }

    @Test
    void theHostBitsOfTheBlockAreIgnored() {
        assertTrue(Cidr.parse("192.168.1.77/24").contains(ip("192.168.1.200")));
    }

    @Test
    void anIpv6BlockContainsItsAddresses() {
        Cidr block = Cidr.parse("2001:db8::/32");
        assertTrue(block.contains(ip("2001:db8::1")));
        assertTrue(block.contains(ip("2001:db8:ffff::abcd")));
    }

    @Test
    void anIpv6BlockDoesNotContainOtherAddresses() {
        assertFalse(Cidr.parse("2001:db8::/32").contains(ip("2001:db9::1")));
    }

    @Test
    void aBareIpv4AddressIsABlockOfOne() {
        Cidr block = Cidr.parse("127.0.0.1");
        assertEquals(32, block.prefixLength());
        assertTrue(block.contains(ip("127.0.0.1")));
        assertFalse(block.contains(ip("127.0.0.2")));
    }

    @Test
    void aBareIpv6AddressIsABlockOfOne() {
        Cidr block = Cidr.parse("::1");
        assertEquals(128, block.prefixLength());
        assertTrue(block.contains(ip("::1")));
        assertFalse(block.contains(ip("::2")));
    }

    @Test
    void aZeroPrefixContainsEveryAddressOfItsFamily() {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
        assertTrue(Cidr.parse("::/0").contains(ip("2001:db8::1")));
    }

    @Test
    void anIpv4AddressIsNotInAnIpv6Block() {
        assertFalse(Cidr.parse("::/0").contains(ip("10.0.0.1")));
    }

    @Test
    void anIpv6AddressIsNotInAnIpv4Block() {
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::1")));
    }

    @Test
    void aPrefixOutOfRangeIsRejected() {
        assertRejected("10.0.0.0/33");
        assertRejected("10.0.0.0/-1");
        assertRejected("::1/129");
        assertRejected("10.0.0.0/x");
        assertRejected("10.0.0.0/");
    }

    @Test
    void hostNamesAreRejectedWithoutALookup() {
        assertRejected("localhost");
        assertRejected("example.com");
        assertRejected("example.com/24");
    }

    @Test
    void anOctetAbove255IsRejected() {
        assertRejected("256.0.0.1");
        assertRejected("10.0.0.999/8");
    }

    @Test
    void malformedAddressesAreRejected() {
        assertRejected("10.0.0");
        assertRejected("1.2.3.4.5");
        assertRejected("1:2:3:4:5:6:7:8:9");
        assertRejected("");
    }

    @Test
    void aSignedPrefixLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/+8"));
    }

    @Test
    void anAddressFromAHeaderIsParsedWithoutALookup() {
        assertArrayEquals(new byte[]{(byte) 198, 51, 100, 7}, Cidr.parseAddress("198.51.100.7"));
        assertEquals(16, Cidr.parseAddress("2001:db8::1").length);
        assertNull(Cidr.parseAddress("localhost"));
        assertNull(Cidr.parseAddress("256.1.1.1"));
        assertNull(Cidr.parseAddress("1.2.3"));
        assertNull(Cidr.parseAddress("1.2.3.4.5"));
        assertNull(Cidr.parseAddress("1..2.3"));
        assertNull(Cidr.parseAddress(""));
    }

    @Test
    void aBlockContainsTheBytesOfItsAddressesOnly() {
        Cidr block = Cidr.parse("10.1.0.0/17");
        assertTrue(block.contains(Cidr.parseAddress("10.1.127.255")));
        assertFalse(block.contains(Cidr.parseAddress("10.1.128.0")));
        assertFalse(block.contains(Cidr.parseAddress("::1")), "another family");
    }
}
