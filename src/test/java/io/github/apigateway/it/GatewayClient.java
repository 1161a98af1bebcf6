package io.github.apigateway.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The integration tests' HTTP client: requests to a gateway by path inside its context (or, for a browser
 * that follows the gateway's redirects, to any URI), answers read as text. It speaks HTTP/1.1 as the
 * gateway's clients do and follows no redirect, so a test sees the gateway's own answers. What a client
 * like this refuses to send or hides (hop-by-hop headers, raw paths, the exact status line) is
 * {@link RawHttp}'s. The JDK client is thread-safe, so all tests share one.
 */
public final class GatewayClient {

    /** How long a request may take unless the test sets its own: long, for a busy 2-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    private GatewayClient() {
    }

    /** @param path inside the gateway's context, starting with '/' */
    public static URI uri(URL gateway, String path) {
        return URI.create(gateway.toString().replaceAll("/$", "") + path);
    }

    /** @param headers name, value, name, value... */
    public static HttpRequest.Builder request(URL gateway, String path, String... headers) {
        return request(uri(gateway, path), headers);
    }

    /** @param headers name, value, name, value... */
    public static HttpRequest.Builder request(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    /** @param headers name, value, name, value... */
    public static HttpResponse<String> get(URL gateway, String path, String... headers)
            throws IOException, InterruptedException {
        return send(request(gateway, path, headers));
    }

    /** @param headers name, value, name, value... */
    public static CompletableFuture<HttpResponse<String>> getAsync(URL gateway, String path, String... headers) {
        return sendAsync(request(gateway, path, headers));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
