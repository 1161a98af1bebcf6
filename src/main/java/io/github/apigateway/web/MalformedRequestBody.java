package io.github.apigateway.web;

import java.util.Set;

/**
 * Recognises, among the failures a container reports while the request body is read, the ones that say
 * the client framed its body wrongly (a bad chunk size or line end, a chunk size that overflows) rather
 * than that it went away. Servlet has no type for it, so the containers' own are named here: Jetty's
 * {@code HttpException} (implemented by its {@code BadMessageException} and by the "Early EOF" its parser
 * reports for a broken chunk; a plain {@code EofException} is a client gone) and Tomcat's
 * {@code BadRequestException}. Matched by name, so the WAR depends on neither container.
 */
final class MalformedRequestBody {

    private static final Set<String> CONTAINER_TYPES = Set.of(
            "org.eclipse.jetty.http.HttpException",
            "org.apache.coyote.BadRequestException");

    private MalformedRequestBody() {
    }

    /** Whether {@code failure}, or any exception it was caused by, is a container's malformed-request failure. */
    static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isMalformedRequestType(cause.getClass())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMalformedRequestType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (CONTAINER_TYPES.contains(c.getName())) {
                return true;
            }
            for (Class<?> implemented : c.getInterfaces()) {
                if (CONTAINER_TYPES.contains(implemented.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
