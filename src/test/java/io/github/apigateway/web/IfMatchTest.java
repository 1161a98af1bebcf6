package io.github.apigateway.web;

import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IfMatchTest {

    @Test
    void takesTheBareVersion() {
        assertEquals(7, IfMatch.version("7"));
    }

    @Test
    void takesTheEntityTagOfETag() {
        assertEquals(7, IfMatch.version("\"7\""));
    }

    @Test
    void takesAWeakTag() {
        assertEquals(7, IfMatch.version("W/\"7\""));
    }

    @Test
    void aChangeWithoutIfMatchIsRefusedWith428() {
        assertEquals(428, assertThrows(GatewayException.class, () -> IfMatch.version(null)).status());
    }

    @Test
    void anIfMatchThatNamesNoVersionIsRefusedWith400() {
        assertEquals(400, assertThrows(GatewayException.class, () -> IfMatch.version("*")).status());
    }
}
