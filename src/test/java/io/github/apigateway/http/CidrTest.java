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

    private static void assertContains(String block, String... addresses) {
        for (String address : addresses) {
            assertTrue(Cidr.parse(block).contains(ip(address)), block + " contains " + address);
        }
    }

    private static void assertExcludes(String block, String... addresses) {
        for (String address : addresses) {
            assertFalse(Cidr.parse(block).contains(ip(address)), block + " excludes " + address);
        }
    }

    private static void assertRejected(String... texts) {
        for (String text : texts) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text), text);
        }
    }

    @Test
    void anIpv4BlockContainsItsAddresses() {
        assertContains("10.0.0.0/8", "10.0.0.0", "10.255.255.255");
    }

    @Test
    void anIpv4BlockDoesNotContainOtherAddresses() {
        assertExcludes("192.168.1.0/24", "192.168.2.1", "11.0.0.1");
    }

    @Test
    void theHostBitsOfTheBlockAreIgnored() {
        assertContains("192.168.1.77/24", "192.168.1.200");
    }

    @Test
    void anIpv6BlockContainsItsAddresses() {
        assertContains("2001:db8::/32", "2001:db8::1", "2001:db8:ffff::abcd");
    }

    @Test
    void anIpv6BlockDoesNotContainOtherAddresses() {
        assertExcludes("2001:db8::/32", "2001:db9::1");
    }

    @Test
    void aBareIpv4AddressIsABlockOfOne() {
        assertEquals(32, Cidr.parse("127.0.0.1").prefixLength());
        assertContains("127.0.0.1", "127.0.0.1");
        assertExcludes("127.0.0.1", "127.0.0.2");
    }

    @Test
    void aBareIpv6AddressIsABlockOfOne() {
        assertEquals(128, Cidr.parse("::1").prefixLength());
        assertContains("::1", "::1");
        assertExcludes("::1", "::2");
    }

    @Test
    void aZeroPrefixContainsEveryAddressOfItsFamily() {
        assertContains("0.0.0.0/0", "203.0.113.9");
        assertContains("::/0", "2001:db8::1");
    }

    @Test
    void anIpv4AddressIsNotInAnIpv6Block() {
        assertExcludes("::/0", "10.0.0.1");
    }

    @Test
    void anIpv6AddressIsNotInAnIpv4Block() {
        assertExcludes("0.0.0.0/0", "::1");
    }

    @Test
    void aPrefixOutOfRangeIsRejected() {
        assertRejected("10.0.0.0/33", "10.0.0.0/-1", "::1/129", "10.0.0.0/x", "10.0.0.0/");
    }

    @Test
    void hostNamesAreRejectedWithoutALookup() {
        assertRejected("localhost", "example.com", "example.com/24");
    }

    @Test
    void anOctetAbove255IsRejected() {
        assertRejected("256.0.0.1", "10.0.0.999/8");
    }

    @Test
    void malformedAddressesAreRejected() {
        assertRejected("10.0.0", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "");
    }

    @Test
    void aSignedPrefixLengthIsRefused() {
        assertRejected("10.0.0.0/+8");
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
