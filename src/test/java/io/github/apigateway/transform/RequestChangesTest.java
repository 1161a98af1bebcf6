package io.github.apigateway.transform;

import io.github.apigateway.config.PathRewrite;
import io.github.apigateway.config.QueryParameters;
import io.github.apigateway.config.RequestTransform;
import io.github.apigateway.config.Template;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestChangesTest {

    private static final CallerValues ANN = new CallerValues("u-1", "ann", "app", "req-9");

    private static List<String> names(List<Header> headers) {
        return headers.stream().map(header -> header.getName() + ": " + header.getValue()).toList();
    }

    @Test
    void setsHeadersWithTheCallersValuesInPlaceOfTheClientsAndRemovesOthers() {
        RequestTransform transform = new RequestTransform(
                Map.of("X-Caller", Template.parse("${user.name} (${user.id}) via ${client.id} #${request.id}")),
                Set.of("X-Debug"), null, QueryParameters.NONE);
        RequestChanges changes = RequestChanges.of(transform, "/p", null, ANN);
        assertEquals(List.of("Accept: */*", "X-Caller: ann (u-1) via app #req-9"), names(changes.applyTo(List.of(
                new BasicHeader("x-debug", "1"), new BasicHeader("Accept", "*/*"), new BasicHeader("x-caller", "forged")))));
    }

    @Test
    void expandsAnAnonymousCallersValuesToEmpty() {
        RequestTransform transform = new RequestTransform(Map.of("X-Caller", Template.parse("[${user.id}]")),
                Set.of(), null, QueryParameters.NONE);
        assertEquals(List.of("X-Caller: []"), names(RequestChanges.of(transform, "/p", null, CallerValues.anonymous("r"))
                .applyTo(List.of())));
    }

    @Test
    void rewritesThePathAndSetsTheQueryInTheTarget() {
        RequestTransform transform = new RequestTransform(Map.of(), Set.of(),
                PathRewrite.compile("^/v1/(.*)$", "/internal/$1"), QueryParameters.of(Map.of("source", "gateway")));
        assertEquals("/internal/x?a=1&source=gateway", RequestChanges.of(transform, "/v1/x", "a=1", ANN).target());
    }

    @Test
    void leavesTheRequestAsItIsWithoutATransform() {
        assertEquals("/v1/x?a=1", RequestChanges.of(RequestTransform.NONE, "/v1/x", "a=1", ANN).target());
    }
}
