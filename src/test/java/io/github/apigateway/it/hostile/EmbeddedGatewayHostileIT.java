package io.github.apigateway.it.hostile;

import io.github.apigateway.it.EmbeddedContainer;
import io.github.apigateway.it.GatewayDeployment;
import io.github.apigateway.it.RecordingUpstream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.util.Map;

/** The hostile suite against the WAR in the embedded container of this failsafe execution. */
@ExtendWith(ArquillianExtension.class)
class EmbeddedGatewayHostileIT implements RequestSmugglingTests, OversizedRequestTests, ConnectionAbuseTests {

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.start();
    @RegisterExtension
    static final RecordingUpstream SLOW_UPSTREAM = RecordingUpstream.start();

    private static final Map<Attack, Handling> HANDLING = ContainerHandling.of(EmbeddedContainer.current());

    @ArquillianResource
    private URL gateway;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatewayDeployment.withConfig(HostileTarget.config(UPSTREAM.url(), SLOW_UPSTREAM.url()));
    }

    @Override
    public URL gateway() {
        return gateway;
    }

    @Override
    public RecordingUpstream upstream() {
        return UPSTREAM;
    }

    @Override
    public RecordingUpstream slowUpstream() {
        return SLOW_UPSTREAM;
    }

    @Override
    public Handling handling(Attack attack) {
        return HANDLING.get(attack);
    }
}
