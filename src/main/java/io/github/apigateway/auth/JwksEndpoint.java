package io.github.apigateway.auth;

import com.nimbusds.jose.jwk.JWKSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The realm's JWKS endpoint, asked without blocking a thread (the JDK's HTTP client), with a deadline for
 * the whole answer and a bound on its size, so a broken or hostile endpoint can neither hang a fetch nor
 * fill the heap. One client serves every fetch; it follows no redirects.
 */
final class JwksEndpoint implements Supplier<CompletableFuture<JWKSet>> {

    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final int SIZE_LIMIT = 256 * 1024;

    private final URI uri;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(DEADLINE)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    JwksEndpoint(URI uri) {
        this.uri = uri;
    }

    @Override
    public CompletableFuture<JWKSet> get() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(DEADLINE).header("Accept", "application/json").GET().build();
        LimitedBody body = new LimitedBody();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArrayConsumer(body))
                .orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> keys(response.statusCode(), body));
    }

    private JWKSet keys(int status, LimitedBody body) {
        try {
            if (status != 200) {
                throw new IOException("JWKS endpoint " + uri + " answered " + status);
            }
            return JWKSet.parse(body.text());
        } catch (IOException | ParseException e) {
            throw new CompletionException(e);
        }
    }

    /** Collects the answer up to {@link #SIZE_LIMIT}; beyond that it only remembers that it was too large. */
    private static final class LimitedBody implements Consumer<Optional<byte[]>> {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean tooLarge;

        @Override
        public synchronized void accept(Optional<byte[]> chunk) {
            chunk.ifPresent(data -> {
                if (bytes.size() + data.length > SIZE_LIMIT) {
                    tooLarge = true;
                } else if (!tooLarge) {
                    bytes.write(data, 0, data.length);
                }
            });
        }

        synchronized String text() throws IOException {
            if (tooLarge) {
                throw new IOException("JWKS larger than " + SIZE_LIMIT + " bytes");
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
