package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemplateTest {

    private static String expand(String template) {
        return Template.parse(template).expand(variable -> "<" + variable.variableName() + ">");
    }

    @Test
    void compilesLiteralTextAroundVariables() {
        Template template = Template.parse("a ${user.id} b ${request.id}");
        assertEquals(List.of("a ", " b ", ""), template.literals());
        assertEquals(List.of(TemplateVariable.USER_ID, TemplateVariable.REQUEST_ID), template.variables());
    }

    @Test
    void expandsEveryVariable() {
        assertEquals("<user.id>,<user.name>,<client.id>,<request.id>",
                expand("${user.id},${user.name},${client.id},${request.id}"));
    }

    @Test
    void keepsADollarNotFollowedByABraceAsText() {
        assertEquals("$5 and $", expand("$5 and $"));
    }

    @Test
    void refusesAnUnknownVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Template.parse("${user.email}"));
        assertEquals("names an unknown variable '${user.email}'; known: ${user.id}, ${user.name}, ${client.id}, ${request.id}",
                e.getMessage());
    }

    @Test
    void refusesAnUnclosedVariable() {
        assertThrows(IllegalArgumentException.class, () -> Template.parse("x ${user.id"));
    }
}
