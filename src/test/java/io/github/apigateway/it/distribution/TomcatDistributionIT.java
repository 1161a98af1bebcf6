package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The unchanged WAR as {@code webapps/ROOT.war} of the Tomcat 11 distribution, started with
 * {@code catalina.sh run}: with the config bundled in the WAR, and with the config file named in each way
 * CONTRACT.md section 2 gives a Tomcat operator. Each way needs a Tomcat of its own.
 */
class TomcatDistributionIT {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Test
    void withTheBundledConfigTheGatewayIsUp() throws Exception {
        GatewayProbe.assertStartsHealthy(new TomcatDistribution("tomcat-bundled-config"));
    }

    @Test
    void aContextParameterInConfCatalinaLocalhostRootXmlNamesTheConfig() throws Exception {
        TomcatDistribution tomcat = new TomcatDistribution("tomcat-context-parameter");
        String config = tomcat.writeConfigFile("/from-context-parameter", UPSTREAM.url());
        // This file replaces the WAR's META-INF/context.xml, so it carries the WAR's unloadDelay too.
        tomcat.contextFile("""
                <Context unloadDelay="30000">
                  <Parameter name="gateway.config" value="%s" override="false"/>
                </Context>
                """.formatted(config));
        GatewayProbe.assertStartsWithConfigFile(tomcat, UPSTREAM, "/from-context-parameter");
    }

    @Test
    void aSystemPropertyInCatalinaOptsNamesTheConfig() throws Exception {
        TomcatDistribution tomcat = new TomcatDistribution("tomcat-system-property");
        tomcat.systemProperty("gateway.config", tomcat.writeConfigFile("/from-system-property", UPSTREAM.url()));
        GatewayProbe.assertStartsWithConfigFile(tomcat, UPSTREAM, "/from-system-property");
    }

    @Test
    void theGatewayConfigEnvironmentVariableNamesTheConfig() throws Exception {
        TomcatDistribution tomcat = new TomcatDistribution("tomcat-environment-variable");
        tomcat.environment("GATEWAY_CONFIG", tomcat.writeConfigFile("/from-environment-variable", UPSTREAM.url()));
        GatewayProbe.assertStartsWithConfigFile(tomcat, UPSTREAM, "/from-environment-variable");
    }
}
