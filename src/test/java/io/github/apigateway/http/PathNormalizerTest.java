package io.github.apigateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathNormalizerTest {

    private static void assertRefused(String rawPath) {
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize(rawPath), rawPath);
    }

    @Test
    void anAlreadyNormalPathIsReturnedAsIs() {
        String path = "/api/v1/users/123";
        assertSame(path, PathNormalizer.normalize(path));
        String root = "/";
        assertSame(root, PathNormalizer.normalize(root));
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertEquals("/", PathNormalizer.normalize(""));
    }

    @Test
    void dotSegmentsAreResolved() {
        assertEquals("/a/c", PathNormalizer.normalize("/a/./b/../c"));
        assertEquals("/", PathNormalizer.normalize("/a/.."));
        assertEquals("/b", PathNormalizer.normalize("/./b"));
    }

    @Test
    void aDotDotAboveTheRootIsRefused() {
        assertRefused("/..");
        assertRefused("/a/../..");
        assertRefused("/../a");
    }

    @Test
    void doubleSlashesAreCollapsed() {
        assertEquals("/a/b", PathNormalizer.normalize("//a//b"));
    }

    @Test
    void aTrailingSlashIsKept() {
        assertSame("/a/", PathNormalizer.normalize("/a/"));
        assertEquals("/a/", PathNormalizer.normalize("/a/."));
        assertEquals("/a/", PathNormalizer.normalize("/a//"));
    }

    @Test
    void unreservedPercentEncodingsAreDecoded() {
        assertEquals("/~user/A", PathNormalizer.normalize("/%7Euser/%41"));
        assertEquals("/a-b_c.d", PathNormalizer.normalize("/a%2db%5fc%2Ed"));
    }

    @Test
    void anEncodedDotDotIsResolvedLikeAPlainOne() {
        assertEquals("/b", PathNormalizer.normalize("/a/%2e%2e/b"));
        assertRefused("/%2e%2e");
    }

    @Test
    void reservedEscapesAreKeptWithUpperCaseHex() {
        assertEquals("/a%3Fb", PathNormalizer.normalize("/a%3fb"));
        assertEquals("/100%25/x%20y", PathNormalizer.normalize("/100%25/x%20y"));
    }

    @Test
    void anEncodedSlashIsRefused() {
        assertRefused("/a%2Fb");
        assertRefused("/a%2fb");
    }

    @Test
    void anEncodedNulIsRefused() {
        assertRefused("/a%00b");
    }

    @Test
    void anIncompleteEscapeIsRefused() {
        assertRefused("/a%4");
        assertRefused("/a%");
    }

    @Test
    void anInvalidEscapeIsRefused() {
        assertRefused("/a%zz");
        assertRefused("/a%4g/b");
    }

    @Test
    void aPathNotStartingWithASlashIsRefused() {
        assertRefused("a/b");
        assertRefused("*");
    }

    @Test
    void onlyAsciiHexDigitsFormAnEscape() {
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize("/x%\u0664\u0661"));
        assertThrows(InvalidPathException.class, () -> PathNormalizer.normalize("/x%\uFF14\uFF11"));
    }

    @Test
    void aPathParameterIsRefusedPlainOrEncoded() {
        assertRefused("/svc/admin;x/y");
        assertRefused("/svc/admin;");
        assertRefused("/svc/admin%3Bx/y");
        assertRefused("/svc/admin%3bx/y");
    }

    @Test
    void aBackslashIsRefusedPlainOrEncoded() {
        assertRefused("/svc\\admin");
        assertRefused("/svc%5Cadmin");
        assertRefused("/svc%5cadmin");
    }
}
