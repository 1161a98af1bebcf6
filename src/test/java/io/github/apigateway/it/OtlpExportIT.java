package io.github.apigateway.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** With the OTLP endpoint set (here as the {@code otel.*} system properties), the gateway's spans reach it. */
class OtlpExportIT extends DeployedGatewayTest {

    private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @RegisterExtension
    static final OtlpReceiver RECEIVER = OtlpReceiver.startAndPointOtelAtIt();

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(GatewayDeployment.config(UPSTREAM.url(), """
                {"id": "exported", "path": "/exported/*", "service": "upstream", "auth": "none"}
                """));
    }

    @Test
    void exportsTheRequestsSpanInTheClientsTrace() throws Exception {
        get("/exported/a", "traceparent", "00-" + CLIENT_TRACE + "-b7ad6b7169203331-01");
        OtlpReceiver.ReceivedSpan span = RECEIVER.awaitSpan(CLIENT_TRACE, 10_000);
        assertNotNull(span, "no span of trace " + CLIENT_TRACE + " arrived");
        assertEquals("GET exported", span.name());
    }
}
