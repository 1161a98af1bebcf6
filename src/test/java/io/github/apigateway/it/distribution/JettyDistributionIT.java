package io.github.apigateway.it.distribution;

import io.github.apigateway.it.RecordingUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The unchanged WAR in the Jetty 12.1 distribution through a copy of the repository's jetty-base: with
 * the config bundled in the WAR, and with the config file named in each way CONTRACT.md section 2 gives
 * a Jetty operator. Each way needs a Jetty of its own.
 */
class JettyDistributionIT {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Test
    void withTheBundledConfigTheGatewayIsUp() throws Exception {
        GatewayProbe.assertStartsHealthy(new JettyDistribution("jetty-bundled-config"));
    }

    @Test
    void anInitParameterInTheContextXmlNamesTheConfig() throws Exception {
        JettyDistribution jetty = new JettyDistribution("jetty-init-parameter");
        jetty.contextInitParameter("gateway.config", jetty.writeConfigFile("/from-init-parameter", UPSTREAM.url()));
        GatewayProbe.assertStartsWithConfigFile(jetty, UPSTREAM, "/from-init-parameter");
    }

    @Test
    void aSystemPropertyOfTheJettyJvmNamesTheConfig() throws Exception {
        JettyDistribution jetty = new JettyDistribution("jetty-system-property");
        jetty.systemProperty("gateway.config", jetty.writeConfigFile("/from-system-property", UPSTREAM.url()));
        GatewayProbe.assertStartsWithConfigFile(jetty, UPSTREAM, "/from-system-property");
    }
}
