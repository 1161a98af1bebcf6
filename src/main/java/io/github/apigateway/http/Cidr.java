package io.github.apigateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

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
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(masked(candidate, prefixLength), network);
    }

    /** Parses only IP literals: a host name here would mean a DNS lookup at startup and a surprise later. */
    private static byte[] parseLiteral(String text) {
        boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("must be an IP address or CIDR block such as 10.0.0.0/8 or ::1/128");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IP address");
        }
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
