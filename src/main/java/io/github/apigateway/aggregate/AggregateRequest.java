package io.github.apigateway.aggregate;

import io.github.apigateway.auth.Identity;
import io.github.apigateway.config.CallPath;
import io.github.apigateway.http.PercentEncoding;
import io.github.apigateway.observability.RequestSpan;
import io.github.apigateway.proxy.ClientRequest;
import io.github.apigateway.routing.RouteMatch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the calls of one aggregate request take from the client's request: the values of the placeholders,
 * the headers they forward, and the span whose trace headers they carry.
 *
 * @param identity     the verified caller, or null on a public route: then its placeholders are empty
 * @param pathSegments the segments of the path after the route's prefix, decoded; {@code ${path.1}} is the first
 */
public record AggregateRequest(String requestId, Identity identity, List<String> pathSegments, ClientRequest client,
                               RequestSpan span) {

    public AggregateRequest {
        pathSegments = List.copyOf(pathSegments);
    }

    /** The segments after the matched route's prefix: {@code /42/x} below {@code /api/v1/dashboard/*} is [42, x]. */
    public static List<String> segmentsAfterPrefix(RouteMatch match) {
        String rest = match.route().path().strip(match.path());
        return Arrays.stream(rest.split("/")).filter(segment -> !segment.isEmpty()).map(PercentEncoding::decode).toList();
    }

    /** The placeholder's plain value; a path segment must exist (see {@link CallPath#segmentsNeeded}). */
    String valueOf(CallPath.Placeholder placeholder) {
        switch (placeholder.source()) {
            case USER_ID:
                return identity == null ? "" : identity.subject();
            case USER_NAME:
                return identity == null ? "" : Objects.requireNonNullElse(identity.username(), "");
            case CLIENT_ID:
                return identity == null ? "" : Objects.requireNonNullElse(identity.clientId(), "");
            case REQUEST_ID:
                return requestId;
            default:
                return pathSegments.get(placeholder.segment() - 1);
        }
    }

    boolean hasSegmentsFor(CallPath path) {
        return pathSegments.size() >= path.segmentsNeeded();
    }
}
