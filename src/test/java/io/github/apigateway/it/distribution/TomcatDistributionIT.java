package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The unchanged WAR as {@code webapps/ROOT.war} of the Tomcat 11 distribution, started with
 * {@code catalina.sh run}: with the config bundled in the WAR, and with the config file named in each way
 * CONTRACT.md section 2 gives a Tomcat operator. Each way needs a Tomcat of its own.
 */
class TomcatDistributionIT {

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
        try (ContainerProcess tomcat = TomcatDistribution.prepare("tomcat-bundled-config").start()) {
            GatewayProbe.assertHealthUp(tomcat);
        }
    }

    @Test
    void aContextParameterInConfCatalinaLocalhostRootXmlNamesTheConfig() throws Exception {
        TomcatDistribution tomcat = TomcatDistribution.prepare("tomcat-context-parameter");
        Path config = GatewayConfigFile.write(tomcat.workDirectory(), "/from-context-parameter", UPSTREAM.url());
        // This file replaces the WAR's META-INF/context.xml, so it carries the WAR's unloadDelay too.
        tomcat.contextFile("""
                <Context unloadDelay="30000">
                  <Parameter name="gateway.config" value="%s" override="false"/>
                </Context>
                """.formatted(config));
        try (ContainerProcess running = tomcat.start()) {
            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/from-context-parameter");
        }
    }

    @Test
    void aSystemPropertyInCatalinaOptsNamesTheConfig() throws Exception {
        TomcatDistribution tomcat = TomcatDistribution.prepare("tomcat-system-property");
        Path config = GatewayConfigFile.write(tomcat.workDirectory(), "/from-system-property", UPSTREAM.url());
        tomcat.catalinaOpts("-Dgateway.config=" + config);
        try (ContainerProcess running = tomcat.start()) {
            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/from-system-property");
        }
    }

    @Test
    void theGatewayConfigEnvironmentVariableNamesTheConfig() throws Exception {
        TomcatDistribution tomcat = TomcatDistribution.prepare("tomcat-environment-variable");
        Path config = GatewayConfigFile.write(tomcat.workDirectory(), "/from-environment-variable", UPSTREAM.url());
        tomcat.environment("GATEWAY_CONFIG", config.toString());
        try (ContainerProcess running = tomcat.start()) {
            GatewayProbe.assertLoadedConfigWithRoute(running, UPSTREAM, "/from-environment-variable");
        }
    }
}
