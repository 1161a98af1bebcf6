package io.github.apigateway.auth;

/**
 * Where a browser goes once logged in: only ever a path on this gateway. The web layer keeps the
 * normalised path and query the browser asked for; before it becomes a {@code Location}, it is checked
 * once more to start with a single {@code /} followed by neither {@code /} nor {@code \}, since browsers
 * read {@code //host} and {@code /\host} as another origin (WHATWG URL treats {@code \} as {@code /}).
 */
final class ReturnPath {

    private ReturnPath() {
    }

    /** @return the stored path when it stays on this gateway, else the gateway's root {@code {root}/} */
    static String location(String stored, String root) {
        return staysOnThisGateway(stored) ? stored : root + "/";
    }

    private static boolean staysOnThisGateway(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        return path.length() == 1 || (path.charAt(1) != '/' && path.charAt(1) != '\\');
    }
}
