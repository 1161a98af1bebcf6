package io.github.apigateway.auth;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.nio.support.AbstractAsyncResponseConsumer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's HTTP client for Keycloak (its JWKS and token endpoints): Apache HttpClient 5 async, as for
 * the upstreams, with one I/O thread, closed with the gateway. Not the JDK's client: before Java 21 it
 * cannot be closed, and its selector thread outlived an undeploy holding the web application's class
 * loader. No redirects, retries or cookies; every exchange has a connect and a response timeout, and an
 * answer larger than {@link #MAX_BODY} fails, so a broken endpoint can neither hang a call nor fill the
 * heap. Thread-safe: the client is.
 */
final class KeycloakHttp implements AutoCloseable {

    static final int MAX_BODY = 256 * 1024;
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);

    /** An answer read whole: its status, content type (null when none) and body. */
    record Answer(int status, String contentType, String body) {
    }

    private final CloseableHttpAsyncClient client;

    private KeycloakHttp(CloseableHttpAsyncClient client) {
        this.client = client;
    }

    static KeycloakHttp start() {
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        client.start();
        return new KeycloakHttp(client);
    }

    /** @return the answer, or a future failed with the I/O failure or timeout */
    CompletableFuture<Answer> exchange(SimpleHttpRequest request, Duration responseTimeout) {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build());
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        client.execute(SimpleRequestProducer.create(request), new BoundedAnswer(), null, context, new FutureCallback<>() {
            @Override
            public void completed(Answer result) {
                answer.complete(result);
            }

            @Override
            public void failed(Exception failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void cancelled() {
                answer.completeExceptionally(new IOException("The call to the identity provider was cancelled"));
            }
        });
        return answer;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** Reads an answer whole, failing it once it passes {@link #MAX_BODY}. */
    private static final class BoundedAnswer extends AbstractAsyncResponseConsumer<Answer, byte[]> {

        BoundedAnswer() {
            super(new BoundedBody());
        }

        @Override
        protected Answer buildResult(HttpResponse response, byte[] body, ContentType contentType) {
            return new Answer(response.getCode(), contentType == null ? null : contentType.toString(),
                    new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
        }
    }

    private static final class BoundedBody extends AbstractBinAsyncEntityConsumer<byte[]> {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        protected void streamStart(ContentType contentType) {
        }

        @Override
        protected int capacityIncrement() {
            return MAX_BODY;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            if (bytes.size() + src.remaining() > MAX_BODY) {
                throw new IOException("The identity provider's answer is larger than " + MAX_BODY + " bytes");
            }
            while (src.hasRemaining()) {
                bytes.write(src.get());
            }
        }

        @Override
        protected byte[] generateContent() {
            return bytes.toByteArray();
        }

        @Override
        public void releaseResources() {
        }
    }
}
