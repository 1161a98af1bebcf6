package io.github.apigateway.it.distribution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** GET requests to a container on loopback. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    static HttpResponse<String> get(URI baseUrl, String path) throws Exception {
        return CLIENT.send(request(baseUrl, path), HttpResponse.BodyHandlers.ofString());
    }

    static CompletableFuture<HttpResponse<String>> getAsync(URI baseUrl, String path) {
        return CLIENT.sendAsync(request(baseUrl, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI baseUrl, String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(60)).build();
    }
}
