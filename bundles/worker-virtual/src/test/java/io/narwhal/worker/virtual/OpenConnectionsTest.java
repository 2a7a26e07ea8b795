package io.narwhal.worker.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenConnectionsTest {
    /** What is left of a head deadline, 1999.7 ms: a socket timeout of 1999 ms would fire before the deadline. */
    @Test
    void aReadTimeoutIsRoundedUpToTheMillisecond() {
        assertEquals(2000, OpenConnections.millis(Duration.ofNanos(1_999_700_000)));
        assertEquals(2000, OpenConnections.millis(Duration.ofMillis(2000)));
        assertEquals(1, OpenConnections.millis(Duration.ofNanos(1)));
        assertEquals(1, OpenConnections.millis(Duration.ofMillis(1)));
        assertEquals(Integer.MAX_VALUE, OpenConnections.millis(Duration.ofDays(30)));
    }
}
