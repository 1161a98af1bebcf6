package io.github.apigateway.transform;

import io.github.apigateway.config.PathRewrite;
import io.github.apigateway.http.GatewayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathRewriterTest {

    private static final PathRewrite V1 = PathRewrite.compile("^/v1/(.*)$", "/internal/$1");

    @Test
    void replacesTheMatchWithTheReplacementAndItsGroups() {
        assertEquals("/internal/items/7", PathRewriter.rewrite(V1, "/v1/items/7"));
    }

    @Test
    void leavesAPathTheRegexDoesNotMatch() {
        assertEquals("/v2/items", PathRewriter.rewrite(V1, "/v2/items"));
    }

    @Test
    void replacesOnlyTheFirstMatchAndKeepsTheRest() {
        assertEquals("/a/X/b/old", PathRewriter.rewrite(PathRewrite.compile("old", "X"), "/a/old/b/old"));
    }

    @Test
    void takesGroupsInAnyOrderAndAnEmptyGroupAsEmpty() {
        assertEquals("/b/a/", PathRewriter.rewrite(PathRewrite.compile("^/(\\w)/(\\w)(x)?$", "/$2/$1/$3"), "/a/b"));
    }

    @Test
    void keepsAnEscapedDollarLiteral() {
        assertEquals("/$/x", PathRewriter.rewrite(PathRewrite.compile("^/(x)$", "/\\$/$1"), "/x"));
    }

    @Test
    void aRewriteToAnEmptyPathGivesTheRoot() {
        assertEquals("/", PathRewriter.rewrite(PathRewrite.compile("^/drop$", ""), "/drop"));
    }

    @Test
    void aRewriteWithoutALeadingSlashGetsOne() {
        assertEquals("/x", PathRewriter.rewrite(PathRewrite.compile("^/(x)$", "$1"), "/x"));
    }

    @Test
    void refusesAPathOverTheLengthBoundWith414() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> PathRewriter.rewrite(V1, "/v1/" + "a".repeat(PathRewriter.MAX_PATH_LENGTH)));
        assertEquals(414, e.status());
    }

    @Test
    void givesUpARegexThatBacktracksCatastrophicallyWith400() {
        PathRewrite catastrophic = PathRewrite.compile("^/(.*a){12}$", "/x");
        GatewayException e = assertThrows(GatewayException.class,
                () -> PathRewriter.rewrite(catastrophic, "/" + "a".repeat(40) + "!"));
        assertEquals(400, e.status());
    }
}
