package io.github.apigateway.web;

import io.github.apigateway.cluster.MemberVersion;
import io.github.apigateway.config.ConfigProblem;
import io.github.apigateway.lifecycle.ActiveConfig;
import io.github.apigateway.proxy.UpstreamInstance;
import io.github.apigateway.proxy.UpstreamService;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.github.apigateway.http.JsonText.quote;

/** The admin API's JSON documents; fixed shapes, written by hand like the gateway's other answers. */
final class AdminAnswers {

    private AdminAnswers() {
    }

    /** The version as an entity tag, so that HTTP caches and clients can use it as one. */
    static String etag(ActiveConfig active) {
        return "\"" + active.version() + "\"";
    }

    /** {@code {"version": "7", "changed_by": ..., "changed_at": ..., "config": {...}}}: the document as it was written. */
    static AdminAnswer config(ActiveConfig active) {
        return AdminAnswer.ok("{\"version\":" + quote(active.version().toString())
                + ",\"changed_by\":" + quote(active.stored().changedBy())
                + ",\"changed_at\":" + quote(active.stored().changedAt().toString())
                + ",\"config\":" + active.stored().json() + "}", Map.of("ETag", etag(active)));
    }

    static AdminAnswer applied(ActiveConfig active) {
        return AdminAnswer.ok("{\"version\":" + quote(active.version().toString()) + "}", Map.of("ETag", etag(active)));
    }

    static AdminAnswer valid() {
        return AdminAnswer.ok("{\"valid\":true,\"problems\":[]}", Map.of());
    }

    /** 422 with each problem's JSON path and reason, as a deployment's log names them. */
    static AdminAnswer invalid(List<ConfigProblem> problems, String requestId) {
        String listed = problems.stream()
                .map(problem -> "{\"path\":" + quote(problem.path()) + ",\"reason\":" + quote(problem.reason()) + "}")
                .collect(Collectors.joining(",", "[", "]"));
        return new AdminAnswer(422, Map.of(), "{\"status\":422,\"error\":\"invalid_config\",\"message\":"
                + quote("The config has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing changed.")
                + ",\"valid\":false,\"problems\":" + listed + ",\"request_id\":" + quote(requestId) + "}");
    }

    /** The cluster's members with the version each serves, and this node's services as it sees them now. */
    static AdminAnswer status(ActiveConfig active, List<MemberVersion> members) {
        String memberList = members.stream()
                .map(member -> "{\"address\":" + quote(member.address())
                        + ",\"config_version\":" + quote(member.version() == null ? null : member.version().toString())
                        + ",\"local\":" + member.local() + "}")
                .collect(Collectors.joining(",", "[", "]"));
        String services = new TreeMap<>(active.services()).values().stream()
                .map(service -> quote(service.name()) + ":" + service(service))
                .collect(Collectors.joining(",", "{", "}"));
        return AdminAnswer.ok("{\"config_version\":" + quote(active.version().toString())
                + ",\"members\":" + memberList + ",\"services\":" + services + "}", Map.of());
    }

    private static String service(UpstreamService service) {
        String instances = service.instances().stream().map(instance -> instance(service, instance))
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"circuit_breaker\":" + quote(lower(service.circuitState().name())) + ",\"instances\":" + instances + "}";
    }

    private static String instance(UpstreamService service, UpstreamInstance instance) {
        return "{\"url\":" + quote(instance.toString()) + ",\"state\":" + quote(lower(service.state(instance).name())) + "}";
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
