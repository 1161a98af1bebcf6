package io.github.apigateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException with the reason when the text is not a CIDR block */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = parseLiteral(addressText);
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            try {
                if (!digits.matches("\\d{1,3}")) {
                    throw new NumberFormatException(digits);
                }
                prefix = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the prefix length after '/' must be a number");
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("the prefix length must be between 0 and " + maxPrefix);
            }
        }
        return new Cidr(masked(address, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** @param address 4 or 16 bytes; an address of the other family is never contained */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & 0xff);
    }

    /**
     * The bytes of an IP literal such as {@code 198.51.100.7} or {@code 2001:db8::1}, or null for anything
     * else. Made for values from request headers: no regular expression, and never a DNS lookup.
     */
    public static byte[] parseAddress(String text) {
        byte[] ipv4 = parseIpv4(text);
        if (ipv4 != null || text.indexOf(':') < 0) {
            return ipv4;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && value <= 255 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    /** Parses only IP literals: a host name here would mean a DNS lookup at startup and a surprise later. */
    private static byte[] parseLiteral(String text) {
        byte[] address = parseAddress(text);
        if (address == null) {
            throw new IllegalArgumentException("must be an IP address or CIDR block such as 10.0.0.0/8 or ::1/128");
        }
        return address;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] &= (byte) (0xff << (8 - bitsInByte));
        }
        return result;
    }
}
