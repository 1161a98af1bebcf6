package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A new release copied over {@code webapps/ROOT.war}: Tomcat's auto-deployer undeploys the running gateway
 * and deploys it again in the same JVM. The undeployed gateway leaves nothing behind that Tomcat's leak
 * detection would report (threads it started, ThreadLocals on Tomcat's request threads).
 */
class TomcatRedeployIT {

    /** The starts of Tomcat's leak warnings for a web application (WebappClassLoaderBase). */
    private static final List<String> LEAK_WARNINGS = List.of(
            "appears to have started a thread named", "failed to stop it", "created a ThreadLocal", "memory leak");
    private static final Duration REDEPLOY_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Test
    void redeployingTheWarLeavesNoLeakWarning() throws Exception {
        TomcatDistribution tomcat = new TomcatDistribution("tomcat-redeploy");
        tomcat.systemProperty("gateway.config", tomcat.writeConfigFile("/routed", UPSTREAM.url()));
        try (ContainerProcess running = tomcat.start()) {
            // traffic first: pooled upstream connections, request threads that ran the gateway's filters
            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/routed");
            long deployments = running.logLinesContaining(TomcatDistribution.DEPLOYED);

            tomcat.touchWar();
            awaitLogLines(running, TomcatDistribution.DEPLOYED, deployments + 1);
            running.awaitHealthy();

            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/routed");
            assertEquals(List.of(), running.log().lines()
                    .filter(line -> LEAK_WARNINGS.stream().anyMatch(line::contains))
                    .toList(), "Tomcat's leak warnings on the redeploy; log " + running.logFile());
        }
    }

    private static void awaitLogLines(ContainerProcess container, String text, long count) throws InterruptedException {
        long deadline = System.nanoTime() + REDEPLOY_TIMEOUT.toNanos();
        while (container.logLinesContaining(text) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Tomcat did not redeploy the WAR within " + REDEPLOY_TIMEOUT.toSeconds()
                        + " s; log " + container.logFile() + ":\n" + container.tail());
            }
            Thread.sleep(250);
        }
    }
}
