package io.github.apigateway.it;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin API of one gateway node, called with an admin's bearer token. */
public final class AdminClient {

    private static final Pattern VERSION = Pattern.compile("\"version\":\"(\\d+)\"");

    private final URL node;
    private final String token;

    public AdminClient(URL node, String token) {
        this.node = node;
        this.token = token;
    }

    public HttpResponse<String> getConfig() throws IOException, InterruptedException {
        return GatewayClient.get(node, "/_gateway/admin/config", "Authorization", "Bearer " + token);
    }

    /** The version the node serves now, as GET config shows it. */
    public String version() throws IOException, InterruptedException {
        return versionIn(getConfig().body());
    }

    public HttpResponse<String> put(String ifMatch, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = GatewayClient.request(node, "/_gateway/admin/config",
                "Authorization", "Bearer " + token, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return GatewayClient.send(request);
    }

    /** Replaces the node's config with {@code json}, based on the version it serves now; fails unless taken. */
    public String replace(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = put(version(), json);
        if (response.statusCode() != 200) {
            throw new AssertionError("PUT config answered " + response.statusCode() + ": " + response.body());
        }
        return versionIn(response.body());
    }

    public HttpResponse<String> validate(String json) throws IOException, InterruptedException {
        return GatewayClient.send(GatewayClient.request(node, "/_gateway/admin/config/validate",
                        "Authorization", "Bearer " + token, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> status() throws IOException, InterruptedException {
        return GatewayClient.get(node, "/_gateway/admin/status", "Authorization", "Bearer " + token);
    }

    /**
     * A config of one public route (and {@code extraRoutes}, each followed by a comma) to one upstream, with
     * the shared Keycloak realm and its realm role {@code admin} as the admin role: what a test of the admin
     * API deploys and changes.
     */
    public static String configWithAdminApi(String upstreamUrl, String extraRoutes) {
        return """
                {"services": {"upstream": {"instances": ["%s"]}},
                 "routes": [%s{"id": "public", "path": "/public/*", "service": "upstream", "auth": "none"}],
                 "auth": {
                   "keycloak": {"realm": "demo", "auth-server-url": "%s", "resource": "gateway",
                                "credentials": {"secret": "gateway-secret"}, "ssl-required": "none"},
                   "jwt": {"audiences": ["gateway"], "clock_skew_seconds": 30}},
                 "management": {"admin_roles": ["admin"]}}
                """.formatted(upstreamUrl, extraRoutes, KeycloakServer.shared().url());
    }

    public static String versionIn(String body) {
        Matcher matcher = VERSION.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no version in " + body);
        }
        return matcher.group(1);
    }
}
