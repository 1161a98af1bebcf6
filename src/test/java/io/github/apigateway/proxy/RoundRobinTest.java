package io.github.apigateway.proxy;

import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundRobinTest {

    private static final HttpHost A = new HttpHost("http", "127.0.0.1", 9001);
    private static final HttpHost B = new HttpHost("http", "127.0.0.1", 9002);
    private static final HttpHost C = new HttpHost("http", "127.0.0.1", 9003);

    @Test
    void instancesAreChosenInTurnAndTheTurnWrapsAround() {
        RoundRobin instances = new RoundRobin(List.of(A, B, C));
        assertEquals(List.of(A, B, C, A, B), IntStream.range(0, 5).mapToObj(i -> instances.next()).toList());
    }

    @Test
    void aSingleInstanceIsAlwaysChosen() {
        RoundRobin instances = new RoundRobin(List.of(A));
        assertEquals(List.of(A, A, A), IntStream.range(0, 3).mapToObj(i -> instances.next()).toList());
    }
}
