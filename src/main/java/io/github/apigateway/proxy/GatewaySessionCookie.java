package io.github.apigateway.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's session cookie (the browser session's id in the cluster) belongs to the gateway alone: an upstream
 * that saw it could act as the logged-in browser, and an upstream that set it would replace the browser's
 * login. So it is taken out of the {@code Cookie} header forwarded upstream (RFC 6265 section 5.4: pairs
 * separated by {@code ;}), the client's other cookies left as they came, and an upstream's
 * {@code Set-Cookie} of that name is dropped. Cookie names are compared exactly, as browsers do.
 */
public final class GatewaySessionCookie {

    public static final String NAME = "GATEWAY_SESSION";

    private GatewaySessionCookie() {
    }

    /** @return the {@code Cookie} header value without the gateway's cookie, or null when nothing else is left */
    static String removedFrom(String cookieHeader) {
        List<String> kept = new ArrayList<>();
        for (String pair : cookieHeader.split(";", -1)) {
            if (!isGatewayCookie(pair)) {
                kept.add(pair);
            }
        }
        String rest = String.join(";", kept).stripLeading();
        return rest.isBlank() ? null : rest;
    }

    /** Whether a {@code Set-Cookie} header value sets the gateway's cookie. */
    static boolean isSetBy(String setCookieHeader) {
        return isGatewayCookie(setCookieHeader.split(";", 2)[0]);
    }

    private static boolean isGatewayCookie(String pair) {
        int equals = pair.indexOf('=');
        return equals >= 0 && pair.substring(0, equals).strip().equals(NAME);
    }
}
