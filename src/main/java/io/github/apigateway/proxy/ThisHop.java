package io.github.apigateway.proxy;

import java.util.List;

/** The gateway as one hop on a message's way, in the lists that every hop appends itself to. */
final class ThisHop {

    /** The gateway's entry in {@code Via} (RFC 9110 section 7.6.3), in both directions. */
    static final String VIA = "1.1 gateway";

    private ThisHop() {
    }

    /** A list header's values joined, earlier hops first and this hop last ({@code Via}, {@code X-Forwarded-For}). */
    static String appendedTo(List<String> earlierValues, String value) {
        if (earlierValues.isEmpty()) {
            return value;
        }
        return String.join(", ", earlierValues) + ", " + value;
    }
}
