package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateRouteConfigTest {

    private static final String SERVICES = """
            "services": {"users": {"instances": ["http://127.0.0.1:9001"]}, "orders": {"instances": ["http://127.0.0.1:9002"]}}""";
    private static final String CALLS = """
            "calls": [{"name": "user", "service": "users", "path": "/users/${user.id}", "required": true},
                      {"name": "orders", "service": "orders", "path": "/orders?user=${user.id}"}]""";

    private static ValidatedConfig load(String json) {
        return ConfigLoader.load(new ConfigSource("test.json",
                () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    /** @param routeFields the route's fields after its id, path and auth */
    private static String withRoute(String routeFields) {
        return "{" + SERVICES + ", \"routes\": [{\"id\": \"dashboard\", \"path\": \"/dashboard/*\", \"auth\": \"none\", "
                + routeFields + "}]}";
    }

    private static String withAggregate(String aggregateFields) {
        return withRoute("\"aggregate\": {" + aggregateFields + "}");
    }

    private static ConfigProblem onlyProblem(String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(json));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void bindsAnAggregateRouteWithItsCallsInOrder() {
        Route route = load(withAggregate("\"timeout_ms\": 2000, " + CALLS)).routes().get(0);
        Aggregation aggregation = route.aggregate().orElseThrow();
        assertEquals(Duration.ofMillis(2000), aggregation.timeout());
        assertEquals(new AggregateCall("user", "users", CallPath.parse("/users/${user.id}"), true), aggregation.calls().get(0));
        assertEquals(new AggregateCall("orders", "orders", CallPath.parse("/orders?user=${user.id}"), false), aggregation.calls().get(1));
    }

    @Test
    void anAggregateRouteWithoutMethodsAnswersGetAndHead() {
        assertEquals(Set.of("GET", "HEAD"), load(withAggregate(CALLS)).routes().get(0).methods());
    }

    @Test
    void theDeadlineAndTheBodyCapHaveDefaults() {
        Aggregation aggregation = load(withAggregate(CALLS)).routes().get(0).aggregate().orElseThrow();
        assertEquals(Duration.ofMillis(5000), aggregation.timeout());
        assertEquals(8L * 1024 * 1024, aggregation.maxResponseBytes());
    }

    @Test
    void aCallToAnUnknownServiceIsReportedAtItsPath() {
        ConfigProblem problem = onlyProblem(withAggregate("""
                "calls": [{"name": "a", "service": "users", "path": "/a"}, {"name": "b", "service": "nope", "path": "/b"}]"""));
        assertEquals("routes[0].aggregate.calls[1].service", problem.path());
        assertEquals("unknown service 'nope'", problem.reason());
    }

    @Test
    void twoCallsWithOneNameAreRefused() {
        ConfigProblem problem = onlyProblem(withAggregate("""
                "calls": [{"name": "a", "service": "users", "path": "/a"}, {"name": "a", "service": "users", "path": "/b"}]"""));
        assertEquals("routes[0].aggregate.calls[1].name", problem.path());
        assertEquals("duplicate call name 'a'", problem.reason());
    }

    @Test
    void theErrorsFieldIsNotACallName() {
        ConfigProblem problem = onlyProblem(withAggregate("""
                "calls": [{"name": "_errors", "service": "users", "path": "/a"}]"""));
        assertEquals("routes[0].aggregate.calls[0].name", problem.path());
        assertEquals("'_errors' is reserved: the answer names the failed calls' errors there", problem.reason());
    }

    @Test
    void anAggregateNeedsAtLeastOneCall() {
        ConfigProblem problem = onlyProblem(withAggregate("\"calls\": []"));
        assertEquals("routes[0].aggregate.calls", problem.path());
        assertEquals("must list at least one call", problem.reason());
    }

    @Test
    void theDeadlineMustBeWithinItsRange() {
        ConfigProblem problem = onlyProblem(withAggregate("\"timeout_ms\": 0, " + CALLS));
        assertEquals("routes[0].aggregate.timeout_ms", problem.path());
        assertEquals("must be from 1 to 300000", problem.reason());
    }

    @Test
    void theBodyCapMustBeWithinItsRange() {
        ConfigProblem problem = onlyProblem(withAggregate("\"max_response_bytes\": 67108865, " + CALLS));
        assertEquals("routes[0].aggregate.max_response_bytes", problem.path());
        assertEquals("must be from 1 to 67108864", problem.reason());
    }

    @Test
    void anUnknownPlaceholderIsReportedAtTheCallsPath() {
        ConfigProblem problem = onlyProblem(withAggregate("""
                "calls": [{"name": "a", "service": "users", "path": "/a/${user.mail}"}]"""));
        assertEquals("routes[0].aggregate.calls[0].path", problem.path());
        assertTrue(problem.reason().startsWith("'/a/${user.mail}' has an unknown placeholder '${user.mail}'"), problem.reason());
    }

    @Test
    void aRouteWithBothServiceAndAggregateIsRefused() {
        ConfigProblem problem = onlyProblem(withRoute("\"service\": \"users\", \"aggregate\": {" + CALLS + "}"));
        assertEquals("routes[0].service", problem.path());
        assertEquals("cannot be set with \"aggregate\": a route either forwards to a service or aggregates calls",
                problem.reason());
    }

    @Test
    void aRouteWithNeitherServiceNorAggregateIsRefused() {
        ConfigProblem problem = onlyProblem(withRoute("\"methods\": [\"GET\"]"));
        assertEquals("routes[0].service", problem.path());
        assertEquals("is required (or \"aggregate\" instead)", problem.reason());
    }

    @Test
    void stripPathDoesNotApplyToAnAggregateRoute() {
        ConfigProblem problem = onlyProblem(withRoute("\"strip_path\": true, \"aggregate\": {" + CALLS + "}"));
        assertEquals("routes[0].strip_path", problem.path());
        assertEquals("does not apply to an aggregate route", problem.reason());
    }

    @Test
    void preserveHostDoesNotApplyToAnAggregateRoute() {
        assertEquals("routes[0].preserve_host",
                onlyProblem(withRoute("\"preserve_host\": true, \"aggregate\": {" + CALLS + "}")).path());
    }

    @Test
    void anAggregateRouteAnswersOnlyGetAndHead() {
        ConfigProblem problem = onlyProblem(withRoute("\"methods\": [\"GET\", \"POST\"], \"aggregate\": {" + CALLS + "}"));
        assertEquals("routes[0].methods", problem.path());
        assertEquals("an aggregate route answers only GET and HEAD", problem.reason());
    }

    @Test
    void anUnknownFieldOfACallIsReportedAtItsPath() {
        ConfigProblem problem = onlyProblem(withAggregate("""
                "calls": [{"name": "a", "service": "users", "path": "/a", "method": "POST"}]"""));
        assertEquals("routes[0].aggregate.calls[0].method", problem.path());
        assertEquals("unknown field", problem.reason());
    }
}
