package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploying the gateway (the same as stopping the container, for the application) lets the requests
 * in flight finish, then closes the upstream pools and leaves the cluster, and leaves nothing behind:
 * no thread of the web application, no leak warning from the container, no pinned class loader.
 */
@ExtendWith(ArquillianExtension.class)
class ShutdownIT {

    private static final String DEPLOYMENT = "shutdown";

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        // Keycloak configured (never asked here): its HTTP clients must not outlive the application either.
        String config = GatewayDeployment.config(UPSTREAM.url(), """
                {"id": "slow", "path": "/slow/*", "service": "upstream", "auth": "none"}""").replaceFirst("}\\s*$", """
                , "auth": {"keycloak": {"realm": "demo", "auth-server-url": "http://127.0.0.1:9", "resource": "gateway"}}}""");
        return GatewayDeployment.atContextPathOfItsName(GatewayDeployment.withConfig("shutdown.war", config));
    }

    @Test
    void undeployingLetsARequestInFlightFinish() throws Exception {
        // Longer than the HTTP client's own graceful close waits (5 s), so only the gateway's drain saves it.
        UPSTREAM.streamWith((exchange, request) -> {
            sleep(7_000);
            RecordingUpstream.send(exchange, 200, "finished after the undeploy began");
        });
        deployer.deploy(DEPLOYMENT);
        CompletableFuture<HttpResponse<String>> inFlight = GatewayClient.getAsync(GatewayUrls.of(DEPLOYMENT), "/slow/1");
        assertNotNull(UPSTREAM.takeRequest(), "the request reached the upstream");

        deployer.undeploy(DEPLOYMENT);

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("finished after the undeploy began", response.body());
    }

    @Test
    void undeployingLeavesNoThreadNoLeakWarningAndNoPinnedClassLoader() throws Exception {
        try (CapturedLog containerLog = CapturedLog.of("org.apache.catalina")) {
            deployer.deploy(DEPLOYMENT);
            HttpResponse<String> response = GatewayClient.get(GatewayUrls.of(DEPLOYMENT), "/slow/1");
            assertEquals(200, response.statusCode(), response.body());
            WeakReference<ClassLoader> webapp = new WeakReference<>(webApplicationLoaderOfTheGatewaysThreads());

            deployer.undeploy(DEPLOYMENT);

            assertEquals(List.of(), threadsOfWebApplications(Duration.ofSeconds(10)), "threads still alive after the undeploy");
            assertEquals(List.of(), containerLog.messagesAtOrAbove(Level.WARNING).stream()
                    .filter(message -> message.contains(DEPLOYMENT))
                    .filter(message -> !isTomcatsOwnBackgroundThread(message))
                    .toList(), "the container's warnings on undeploy");
            assertNull(collected(webapp, Duration.ofSeconds(10)), "the web application's class loader is still reachable");
        }
    }

    /**
     * Tomcat's utility thread runs each context's background work with the context's class loader set;
     * when the undeploy catches it there, Tomcat names its own thread as one the application left behind.
     */
    private static boolean isTomcatsOwnBackgroundThread(String warning) {
        return warning.contains("thread named [Catalina-utility-") && warning.contains("StandardContext.backgroundProcess");
    }

    /** The class loader the gateway's own threads (Hazelcast's, the HTTP client's) run with. */
    private static ClassLoader webApplicationLoaderOfTheGatewaysThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getContextClassLoader)
                .filter(ShutdownIT::isWebApplicationLoader)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread runs with a web application's class loader"));
    }

    private static List<String> threadsOfWebApplications(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> isWebApplicationLoader(thread.getContextClassLoader()))
                    .map(Thread::getName)
                    .toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return alive;
    }

    /** Jetty's WebAppClassLoader, Tomcat's ParallelWebappClassLoader. */
    private static boolean isWebApplicationLoader(ClassLoader loader) {
        return loader != null && loader.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).contains("webappclassloader");
    }

    private static ClassLoader collected(WeakReference<ClassLoader> loader, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(200);
        }
        return loader.get();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
