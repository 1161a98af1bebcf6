package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;

/**
 * The version an admin's change is based on, from {@code If-Match}: the version as {@code GET config}
 * shows it, bare or as the entity tag the {@code ETag} header carries ({@code "7"}, also weak).
 */
final class IfMatch {

    private IfMatch() {
    }

    /** @throws GatewayException 428 without the header, 400 when it holds no version */
    static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new GatewayException(428, "precondition_required",
                    "A change needs If-Match with the version it is based on (GET /_gateway/admin/config shows it).");
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw GatewayException.badRequest("If-Match must name one config version, such as \"7\".");
        }
    }
}
