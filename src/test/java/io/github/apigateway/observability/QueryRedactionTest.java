package io.github.apigateway.observability;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryRedactionTest {

    @Test
    void redactsTheValuesOfTokenKeyAndCode() {
        assertEquals("token=REDACTED&key=REDACTED&code=REDACTED", QueryRedaction.redact("token=a&key=b&code=c"));
    }

    @Test
    void redactsNamesThatHoldASecretWordInAnyCase() {
        assertEquals("access_token=REDACTED&API_KEY=REDACTED&client_secret=REDACTED",
                QueryRedaction.redact("access_token=a&API_KEY=b&client_secret=c"));
    }

    @Test
    void keepsOtherParametersAsSent() {
        assertEquals("page=2&q=a%20b&flag&&x=", QueryRedaction.redact("page=2&q=a%20b&flag&&x="));
    }

    @Test
    void leavesNoQueryAbsent() {
        assertNull(QueryRedaction.redact(null));
    }
}
