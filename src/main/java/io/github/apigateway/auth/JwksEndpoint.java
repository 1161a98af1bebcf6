package io.github.apigateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The realm's JWKS endpoint, asked without blocking a thread ({@link KeycloakHttp}: a deadline for the
 * answer and a bound on its size).
 */
final class JwksEndpoint implements Supplier<CompletableFuture<JWKSet>> {

    static final Duration DEADLINE = Duration.ofSeconds(2);

    private final URI uri;
    private final KeycloakHttp http;

    JwksEndpoint(URI uri, KeycloakHttp http) {
        this.uri = uri;
        this.http = http;
    }

    @Override
    public CompletableFuture<JWKSet> get() {
        SimpleHttpRequest request = SimpleHttpRequest.create("GET", uri);
        request.addHeader("Accept", "application/json");
        return http.exchange(request, DEADLINE).thenApply(this::keys);
    }

    private JWKSet keys(KeycloakHttp.Answer answer) {
        try {
            if (answer.status() != 200) {
                throw new IOException("JWKS endpoint " + uri + " answered " + answer.status());
            }
            return JWKSet.parse(answer.body());
        } catch (IOException | ParseException e) {
            throw new CompletionException(e);
        }
    }
}
