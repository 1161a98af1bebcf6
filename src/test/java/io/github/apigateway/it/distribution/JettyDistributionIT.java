package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The unchanged WAR in the Jetty 12.1 distribution through a copy of the repository's jetty-base: with
 * the config bundled in the WAR, and with the config file named in each way CONTRACT.md section 2 gives
 * a Jetty operator. Each way needs a Jetty of its own.
 */
class JettyDistributionIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @BeforeEach
    void answerOk() {
        UPSTREAM.respondWith(RecordingUpstream::ok);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void withTheBundledConfigTheGatewayIsUp() throws Exception {
        try (ContainerProcess jetty = JettyDistribution.prepare("jetty-bundled-config").start()) {
            GatewayProbe.assertHealthUp(jetty);
        }
    }

    @Test
    void anInitParameterInTheContextXmlNamesTheConfig() throws Exception {
        JettyDistribution jetty = JettyDistribution.prepare("jetty-init-parameter");
        Path config = GatewayConfigFile.write(jetty.workDirectory(), "/from-init-parameter", UPSTREAM.url());
        jetty.contextInitParameter("gateway.config", config.toString());
        try (ContainerProcess running = jetty.start()) {
            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/from-init-parameter");
        }
    }

    @Test
    void aSystemPropertyOfTheJettyJvmNamesTheConfig() throws Exception {
        JettyDistribution jetty = JettyDistribution.prepare("jetty-system-property");
        Path config = GatewayConfigFile.write(jetty.workDirectory(), "/from-system-property", UPSTREAM.url());
        jetty.jvmOptions("-Dgateway.config=" + config);
        try (ContainerProcess running = jetty.start()) {
            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/from-system-property");
        }
    }
}
