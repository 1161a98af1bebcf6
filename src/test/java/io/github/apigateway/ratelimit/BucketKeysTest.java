package io.github.apigateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BucketKeysTest {

    @Test
    void aShortValueIsKeptAsIs() {
        assertEquals("api|header=tenant-7", BucketKeys.key("api", BucketKeys.header("tenant-7")));
    }

    @Test
    void aLongValueIsReplacedByItsHashSoKeysStaySmall() {
        String key = BucketKeys.key("api", BucketKeys.header("x".repeat(10_000)));
        assertEquals("api|sha256:".length() + 43, key.length());
        assertNotEquals(key, BucketKeys.key("api", BucketKeys.header("x".repeat(10_001))));
    }

    @Test
    void aMissingHeaderHasABucketOfItsOwnThatNoValueCanName() {
        assertEquals("api|header-missing", BucketKeys.key("api", BucketKeys.header(null)));
        assertNotEquals(BucketKeys.header(null), BucketKeys.header("missing"));
        assertNotEquals(BucketKeys.header(null), BucketKeys.header(""));
    }
}
