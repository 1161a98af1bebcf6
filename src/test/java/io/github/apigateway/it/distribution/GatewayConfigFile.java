package io.github.apigateway.it.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A gateway config file outside the WAR, as an operator keeps one: one public route, stripped of its
 * prefix, to one upstream. A route path that only this file has shows which config the gateway loaded.
 */
final class GatewayConfigFile {

    private GatewayConfigFile() {
    }

    /**
     * @param routePrefix e.g. {@code /from-context-param}: the route is {@code <routePrefix>/*}
     * @return the absolute path of the written file
     */
    static Path write(Path directory, String routePrefix, String upstreamUrl) {
        String json = """
                {"services": {"upstream": {"instances": ["%s"], "connect_timeout_ms": 2000, "response_timeout_ms": 30000}},
                 "routes": [{"id": "probe", "path": "%s/*", "service": "upstream", "strip_path": true, "auth": "none"}]}
                """.formatted(upstreamUrl, routePrefix);
        try {
            return Files.writeString(directory.resolve("gateway.json"), json).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
