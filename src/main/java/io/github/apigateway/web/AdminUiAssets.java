package io.github.apigateway.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The admin page's files (plain HTML, CSS and JavaScript, no build step, nothing from elsewhere), read
 * from the WAR's {@code WEB-INF/admin-ui/} (which no container serves by itself) once at start and sent
 * from memory with headers that keep the page to its own
 * origin: no frame, no script or style from anywhere else, no cache. Immutable after construction.
 */
final class AdminUiAssets {

    private static final String FOLDER = "/WEB-INF/admin-ui/";
    /** Everything the page loads comes from here; its JavaScript calls the admin API on the same origin. */
    private static final String POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** One file, as it is sent. */
    record Asset(String contentType, byte[] body) {
    }

    private final Map<String, Asset> byPath;
    private final Asset forbidden;

    /** @param war opens a file of the WAR by its path ({@code ServletContext::getResourceAsStream}) */
    AdminUiAssets(Function<String, InputStream> war) {
        byPath = Map.of(
                "/", read(war, "index.html", "text/html;charset=utf-8"),
                "/app.js", read(war, "app.js", "text/javascript;charset=utf-8"),
                "/json-paths.js", read(war, "json-paths.js", "text/javascript;charset=utf-8"),
                "/app.css", read(war, "app.css", "text/css;charset=utf-8"));
        forbidden = read(war, "forbidden.html", "text/html;charset=utf-8");
    }

    /** @param path the path inside the page's folder, {@code /} for the page itself; null when there is no such file */
    Asset at(String path) {
        return byPath.get(path);
    }

    /** The page a logged-in browser without an admin role (or from elsewhere) sees instead. */
    Asset forbidden() {
        return forbidden;
    }

    static void send(Asset asset, int status, HttpServletResponse response, boolean withBody) throws IOException {
        response.setStatus(status);
        response.setContentType(asset.contentType());
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(asset.body().length);
        if (withBody) {
            response.getOutputStream().write(asset.body());
        }
    }

    private static Asset read(Function<String, InputStream> war, String name, String contentType) {
        try (InputStream in = war.apply(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The admin page's " + name + " is missing from the WAR");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
