package io.github.apigateway.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutePathTest {

    private static final RoutePath USERS = RoutePath.parse("/api/v1/users/*");

    @Test
    void parsesAnExactPath() {
        RoutePath path = RoutePath.parse("/login");
        assertEquals(new RoutePath("/login", false), path);
        assertEquals("/login", path.toString());
    }

    @Test
    void parsesAPrefix() {
        assertEquals(new RoutePath("/api/v1/users", true), USERS);
        assertEquals("/api/v1/users/*", USERS.toString());
    }

    @Test
    void theRootWildcardMatchesEverything() {
        RoutePath all = RoutePath.parse("/*");
        assertEquals(new RoutePath("", true), all);
        assertTrue(all.matches("/"));
        assertTrue(all.matches("/anything/below"));
    }

    @Test
    void aPrefixMatchesItsBase() {
        assertTrue(USERS.matches("/api/v1/users"));
    }

    @Test
    void aPrefixMatchesItsBaseWithATrailingSlash() {
        assertTrue(USERS.matches("/api/v1/users/"));
    }

    @Test
    void aPrefixMatchesEverythingBelow() {
        assertTrue(USERS.matches("/api/v1/users/123"));
        assertTrue(USERS.matches("/api/v1/users/123/orders/"));
    }

    @Test
    void aPrefixDoesNotMatchASibling() {
        assertFalse(USERS.matches("/api/v1/usersX"));
        assertFalse(USERS.matches("/api/v1/user"));
        assertFalse(USERS.matches("/api/v1"));
    }

    @Test
    void anExactPathMatchesOnlyItself() {
        RoutePath login = RoutePath.parse("/login");
        assertTrue(login.matches("/login"));
        assertFalse(login.matches("/login/"));
        assertFalse(login.matches("/login/x"));
        assertFalse(login.matches("/loginX"));
    }

    @Test
    void stripRemovesThePrefix() {
        assertEquals("/123", USERS.strip("/api/v1/users/123"));
    }

    @Test
    void stripOfTheBaseIsTheRoot() {
        assertEquals("/", USERS.strip("/api/v1/users"));
        assertEquals("/", USERS.strip("/api/v1/users/"));
    }

    @Test
    void invalidTextsAreRejected() {
        for (String text : new String[] {"api/*", "", "/a/*/b", "/a*", "/a/**", "//", "/a//b/*", "/a/./b",
                "/a/../b", "/a?x=1", "/a b", "/a%41"}) {
            assertThrows(IllegalArgumentException.class, () -> RoutePath.parse(text), text);
        }
    }

    @Test
    void aPrefixWithAnEmptyLastSegmentIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoutePath.parse("/api//*"));
        assertTrue(e.getMessage().contains("'/api/*'"), e.getMessage());
    }
}
