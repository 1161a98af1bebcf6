package io.github.apigateway.transform;

import io.github.apigateway.config.QueryParameters;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryRewriterTest {

    private static QueryParameters parameters(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return QueryParameters.of(map);
    }

    @Test
    void addsTheParametersToAMissingQuery() {
        assertEquals("source=gateway", QueryRewriter.rewrite(parameters("source", "gateway"), null));
    }

    @Test
    void replacesAParameterOfTheSameNameAndKeepsTheRestByteForByte() {
        assertEquals("a=%7e+x&&b&source=gateway",
                QueryRewriter.rewrite(parameters("source", "gateway"), "a=%7e+x&source=client&&b&source"));
    }

    @Test
    void comparesEncodedNamesDecoded() {
        assertEquals("x=1&a%20b=c", QueryRewriter.rewrite(parameters("a b", "c"), "a+b=1&x=1&a%20b=2"));
    }

    @Test
    void percentEncodesNamesAndValues() {
        assertEquals("q%26=%C3%A9%3D%2F%20~", QueryRewriter.rewrite(parameters("q&", "\u00e9=/ ~"), null));
    }

    @Test
    void leavesTheQueryAloneWithoutParameters() {
        assertEquals("a=1", QueryRewriter.rewrite(QueryParameters.NONE, "a=1"));
        assertNull(QueryRewriter.rewrite(QueryParameters.NONE, null));
    }
}
