package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** request_transform and response_transform: what loads, and every problem reported at its JSON path. */
class TransformConfigTest {

    private static ValidatedConfig load(String transforms) {
        String json = "{\"services\": {\"users\": {\"instances\": [\"http://127.0.0.1:9001\"]}}, \"routes\": ["
                + "{\"id\": \"plain\", \"path\": \"/plain/*\", \"service\": \"users\", \"auth\": \"none\"},"
                + "{\"id\": \"r\", \"path\": \"/api/*\", \"service\": \"users\", \"auth\": \"none\"" + transforms + "}]}";
        return ConfigLoader.load(new ConfigSource("test.json",
                () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    private static ConfigProblem onlyProblem(String transforms) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(transforms));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void aRouteWithoutTransformsHasNone() {
        Route route = load("").routes().get(0);
        assertSame(RequestTransform.NONE, route.requestTransform());
        assertSame(ResponseTransform.NONE, route.responseTransform());
    }

    @Test
    void loadsTheContractsExample() {
        Route route = load("""
                , "request_transform": {
                    "set_headers": { "X-Api-Version": "2", "X-Caller": "${user.id}" },
                    "remove_headers": ["X-Debug"],
                    "rewrite_path": { "regex": "^/v1/(.*)$", "replacement": "/internal/$1" },
                    "set_query": { "source": "gateway" } },
                  "response_transform": {
                    "set_headers": { "Cache-Control": "no-store" },
                    "remove_headers": ["Server", "X-Powered-By"],
                    "json": { "remove_fields": ["internal_id", "owner.password_hash"], "rename_fields": { "fullName": "name" } } }
                """).routes().get(1);
        assertEquals(List.of(TemplateVariable.USER_ID), route.requestTransform().setHeaders().get("X-Caller").variables());
        assertTrue(route.requestTransform().removeHeaders().contains("x-debug"));
        assertEquals(List.of(1), route.requestTransform().rewritePath().groups());
        assertEquals("source=gateway", route.requestTransform().setQuery().encoded());
        assertEquals("no-store", route.responseTransform().setHeaders().get("Cache-Control"));
        assertTrue(route.responseTransform().json().field("owner").field("password_hash").removed());
        assertEquals("name", route.responseTransform().json().field("fullName").renamedTo());
    }

    @Test
    void refusesSettingAnIdentityHeader() {
        ConfigProblem problem = onlyProblem(", \"request_transform\": {\"set_headers\": {\"X-User-Id\": \"x\"}}");
        assertEquals("routes[1].request_transform.set_headers.X-User-Id", problem.path());
        assertEquals("'X-User-Id' is the caller's identity, which the gateway sets (X-User-*, X-Client-Id); "
                + "a transform cannot set or remove it", problem.reason());
    }

    @Test
    void refusesRemovingAForwardingHeader() {
        assertEquals("routes[1].request_transform.remove_headers[1]",
                onlyProblem(", \"request_transform\": {\"remove_headers\": [\"X-Debug\", \"x-forwarded-for\"]}").path());
    }

    @Test
    void refusesSettingHostOrContentLength() {
        assertEquals("routes[1].request_transform.set_headers.Host",
                onlyProblem(", \"request_transform\": {\"set_headers\": {\"Host\": \"evil\"}}").path());
        assertEquals("routes[1].response_transform.set_headers.Content-Length",
                onlyProblem(", \"response_transform\": {\"set_headers\": {\"Content-Length\": \"1\"}}").path());
    }

    @Test
    void refusesRemovingAHopByHopOrGatewayResponseHeader() {
        assertEquals("routes[1].response_transform.remove_headers[0]",
                onlyProblem(", \"response_transform\": {\"remove_headers\": [\"Transfer-Encoding\"]}").path());
        assertEquals("routes[1].response_transform.remove_headers[0]",
                onlyProblem(", \"response_transform\": {\"remove_headers\": [\"X-Request-Id\"]}").path());
    }

    @Test
    void refusesAHeaderValueWithALineBreak() {
        assertEquals("routes[1].response_transform.set_headers.X-A",
                onlyProblem(", \"response_transform\": {\"set_headers\": {\"X-A\": \"a\\r\\nX-B: b\"}}").path());
    }

    @Test
    void refusesAnUnknownTemplateVariable() {
        ConfigProblem problem = onlyProblem(", \"request_transform\": {\"set_headers\": {\"X-A\": \"${user.mail}\"}}");
        assertEquals("routes[1].request_transform.set_headers.X-A", problem.path());
        assertTrue(problem.reason().contains("unknown variable '${user.mail}'"), problem.reason());
    }

    @Test
    void refusesARegexThatDoesNotCompile() {
        ConfigProblem problem = onlyProblem(
                ", \"request_transform\": {\"rewrite_path\": {\"regex\": \"^/v1/(.*$\", \"replacement\": \"/$1\"}}");
        assertEquals("routes[1].request_transform.rewrite_path.regex", problem.path());
        assertTrue(problem.reason().startsWith("is not a valid regular expression"), problem.reason());
    }

    @Test
    void refusesAReplacementThatNamesAGroupTheRegexDoesNotHave() {
        ConfigProblem problem = onlyProblem(
                ", \"request_transform\": {\"rewrite_path\": {\"regex\": \"^/v1/(.*)$\", \"replacement\": \"/$2\"}}");
        assertEquals("routes[1].request_transform.rewrite_path.replacement", problem.path());
        assertEquals("refers to group $2, but the regex has 1 group", problem.reason());
    }

    @Test
    void refusesAReplacementWithAQueryInIt() {
        assertEquals("routes[1].request_transform.rewrite_path.replacement", onlyProblem(
                ", \"request_transform\": {\"rewrite_path\": {\"regex\": \"^(.*)$\", \"replacement\": \"$1?a=b\"}}").path());
    }

    @Test
    void refusesAnEmptyFieldPathInJson() {
        assertEquals("routes[1].response_transform.json.remove_fields[0]",
                onlyProblem(", \"response_transform\": {\"json\": {\"remove_fields\": [\"owner..x\"]}}").path());
    }

    @Test
    void refusesAFieldThatIsBothRemovedAndRenamed() {
        assertEquals("routes[1].response_transform.json.rename_fields.a.b", onlyProblem(
                ", \"response_transform\": {\"json\": {\"remove_fields\": [\"a.b\"], \"rename_fields\": {\"a.b\": \"c\"}}}").path());
    }

    @Test
    void refusesANewNameWithADot() {
        assertEquals("routes[1].response_transform.json.rename_fields.a", onlyProblem(
                ", \"response_transform\": {\"json\": {\"rename_fields\": {\"a\": \"b.c\"}}}").path());
    }

    @Test
    void anEmptyJsonSectionRewritesNothing() {
        assertNull(load(", \"response_transform\": {\"json\": {}}").routes().get(1).responseTransform().json());
    }
}
