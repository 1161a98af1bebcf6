package io.github.apigateway.web;

import io.github.apigateway.auth.SessionIds;
import io.github.apigateway.proxy.GatewaySessionCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser's session cookie, {@code GATEWAY_SESSION}: the opaque id of its session in the cluster,
 * {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (no cross-site subrequest carries it),
 * {@code Secure} when the request came over https, for the context path. Written as a header, not through
 * the container's session, so no container session (nor {@code JSESSIONID}) ever exists.
 */
final class SessionCookies {

    private SessionCookies() {
    }

    /** The session id the browser sent; null without one, or when its value cannot be a session id. */
    static String id(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (GatewaySessionCookie.NAME.equals(cookie.getName()) && SessionIds.isWellFormed(cookie.getValue())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    static void set(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        response.addHeader("Set-Cookie", GatewaySessionCookie.NAME + "=" + sessionId + attributes(request));
    }

    /** Tells the browser to forget its cookie, when it sent one. */
    static void expire(HttpServletRequest request, HttpServletResponse response) {
        if (sent(request)) {
            response.addHeader("Set-Cookie", GatewaySessionCookie.NAME + "=; Max-Age=0" + attributes(request));
        }
    }

    private static boolean sent(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (GatewaySessionCookie.NAME.equals(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String attributes(HttpServletRequest request) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return "; Path=" + path + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : "");
    }
}
