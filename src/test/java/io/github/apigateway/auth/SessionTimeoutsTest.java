package io.github.apigateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionTimeoutsTest {

    private final SessionTimeouts timeouts = new SessionTimeouts(Duration.ofMinutes(30), Duration.ofHours(10));

    @Test
    void aNewSessionLivesItsWholeMaximumAge() {
        assertEquals(Duration.ofHours(10).toMillis(), timeouts.timeToLiveMillis(5_000, 5_000));
    }

    @Test
    void aSessionWrittenLaterLivesWhatIsLeftOfItsMaximumAge() {
        assertEquals(Duration.ofHours(9).toMillis(), timeouts.timeToLiveMillis(0, Duration.ofHours(1).toMillis()));
    }

    @Test
    void aSessionPastItsMaximumAgeLivesOneMillisecondNotForever() {
        assertEquals(1, timeouts.timeToLiveMillis(0, Duration.ofHours(11).toMillis()));
    }
}
