package io.github.apigateway.it;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests fired at several gateway nodes at once, round robin, twelve in flight at a time: enough to
 * race the nodes against each other, few enough that this 2-core machine answers each within the
 * limiter's 500 ms budget rather than testing its overload behaviour.
 */
final class ConcurrentBurst {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final int IN_FLIGHT = 12;

    private ConcurrentBurst() {
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the requests, checks that each is either allowed or a well-formed 429 under a limit of
     * {@code burst}, and returns how many were allowed.
     */
    static int allowedOf(List<URL> nodes, String path, int requests, int burst) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(nodes.get(i % nodes.size()) + path.substring(1)))
                    .timeout(Duration.ofSeconds(30)).build();
            responses.add(CompletableFuture.supplyAsync(() -> send(request), senders));
        }
        senders.shutdown();
        int allowed = 0;
        for (CompletableFuture<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
            assertEquals(String.valueOf(burst), response.headers().firstValue("RateLimit-Limit").orElseThrow());
            if (response.statusCode() == 200) {
                allowed++;
            } else {
                assertEquals(429, response.statusCode(), response.body());
                assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
                assertTrue(response.body().contains("\"error\":\"too_many_requests\""), response.body());
            }
        }
        return allowed;
    }
}
