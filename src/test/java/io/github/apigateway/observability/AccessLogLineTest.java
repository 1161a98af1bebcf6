package io.github.apigateway.observability;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessLogLineTest {

    @Test
    void writesTheEcsFieldsAsOneJsonObject() {
        AccessLogEntry entry = new AccessLogEntry(0, "GET", "/a\"b", "token=x&p=1", 200, 1500, "127.0.0.1", "user-1",
                "4bf92f3577b34da6a3ce929d0e0e4736", "users", "req-1", "127.0.0.1:9001");
        assertEquals("{\"@timestamp\":\"1970-01-01T00:00:00Z\",\"http.request.method\":\"GET\",\"url.path\":\"/a\\\"b\","
                + "\"url.query\":\"token=REDACTED&p=1\",\"http.response.status_code\":200,\"event.duration\":1500,"
                + "\"client.ip\":\"127.0.0.1\",\"user.id\":\"user-1\",\"trace.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"gateway.route\":\"users\",\"gateway.request_id\":\"req-1\",\"upstream.address\":\"127.0.0.1:9001\"}",
                AccessLogLine.format(entry));
    }

    @Test
    void leavesOutFieldsThatDoNotApply() {
        AccessLogEntry entry = new AccessLogEntry(0, "GET", "/x", null, 404, 10, "::1", null, null, "unmatched", "r", null);
        assertEquals("{\"@timestamp\":\"1970-01-01T00:00:00Z\",\"http.request.method\":\"GET\",\"url.path\":\"/x\","
                + "\"http.response.status_code\":404,\"event.duration\":10,\"client.ip\":\"::1\","
                + "\"gateway.route\":\"unmatched\",\"gateway.request_id\":\"r\"}", AccessLogLine.format(entry));
    }
}
