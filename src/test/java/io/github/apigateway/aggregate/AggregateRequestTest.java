package io.github.apigateway.aggregate;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.AuthMode;
import io.github.apigateway.config.CallPath;
import io.github.apigateway.config.Route;
import io.github.apigateway.config.RoutePath;
import io.github.apigateway.observability.RequestSpan;
import io.github.apigateway.proxy.ClientRequest;
import io.github.apigateway.routing.RouteMatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateRequestTest {

    private static final ClientRequest CLIENT = new ClientRequest("GET", "http", "127.0.0.1", "", null, List.of());
    private static final Identity ANN = new Identity("u-1", "ann", Set.of("user"), "web", null, Identity.Credential.BEARER_TOKEN);

    private static List<String> segments(String routePath, String requestPath) {
        Route route = new Route("r", RoutePath.parse(routePath), Set.of(), "svc", false, false, AuthMode.NONE,
                List.of(), List.of());
        return AggregateRequest.segmentsAfterPrefix(new RouteMatch(route, requestPath));
    }

    private static String expand(String template, Identity identity, String... segments) {
        AggregateRequest request = new AggregateRequest("req-1", identity, List.of(segments), CLIENT, RequestSpan.NONE);
        return CallPath.parse(template).expand(request::valueOf);
    }

    @Test
    void theSegmentsAreThoseAfterTheRoutesPrefix() {
        assertEquals(List.of("42", "parts"), segments("/api/v1/dashboard/*", "/api/v1/dashboard/42/parts"));
    }

    @Test
    void thePrefixAloneHasNoSegments() {
        assertEquals(List.of(), segments("/api/v1/dashboard/*", "/api/v1/dashboard/"));
    }

    @Test
    void aSegmentIsDecodedBeforeItIsEncodedAgainWhereItGoes() {
        List<String> segments = segments("/d/*", "/d/a%20b");
        assertEquals(List.of("a b"), segments);
        assertEquals("/items/a%20b", expand("/items/${path.1}", ANN, segments.toArray(String[]::new)));
    }

    @Test
    void theExampleDashboardCallsGetTheCallersAndThePathsValues() {
        assertEquals("/items/42", expand("/items/${path.1}", ANN, "42"));
        assertEquals("/orders?user=u-1&name=ann&client=web&request=req-1",
                expand("/orders?user=${user.id}&name=${user.name}&client=${client.id}&request=${request.id}", ANN));
    }

    @Test
    void anAnonymousCallersValuesAreEmpty() {
        assertEquals("/users/?client=", expand("/users/${user.id}?client=${client.id}", null));
    }

    @Test
    void aRequestHasSegmentsForACallOnlyWhenItHasAsManyAsTheCallNeeds() {
        AggregateRequest request = new AggregateRequest("req-1", ANN, List.of("42"), CLIENT, RequestSpan.NONE);
        assertTrue(request.hasSegmentsFor(CallPath.parse("/items/${path.1}")));
        assertFalse(request.hasSegmentsFor(CallPath.parse("/items/${path.2}")));
    }
}
