package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @ParameterizedTest(name = "{0}s is {1}")
    @CsvSource({
            "0, 0s",
            "59, 59s",
            "60, 1m00s",
            "61, 1m01s",
            "725, 12m05s",
            "3599, 59m59s",
            "3600, 1h00m",
            "11220, 3h07m",
            "86399, 23h59m",
            "86400, 1d00h",
            "187200, 2d04h",
            "8640000, 100d00h"})
    void durationShowsTheTwoLargestUnits(long seconds, String shown) {
        assertEquals(shown, Units.duration(Duration.ofSeconds(seconds)));
    }

    @Test
    void durationDropsFractionsOfASecond() {
        assertEquals("59s", Units.duration(Duration.ofMillis(59_999)));
    }

    @Test
    void aNegativeDurationIsZero() {
        assertEquals("0s", Units.duration(Duration.ofSeconds(-5)));
        assertEquals("0.0s", Units.ago(Duration.ofMillis(-300)));
    }

    @ParameterizedTest(name = "{0} ms ago is {1}")
    @CsvSource({"0, 0.0s", "400, 0.4s", "1234, 1.2s", "12000, 12.0s", "99, 0.1s"})
    void agoIsToATenthOfASecond(long millis, String shown) {
        assertEquals(shown, Units.ago(Duration.ofMillis(millis)));
    }

    @ParameterizedTest(name = "{0} bytes is {1}")
    @CsvSource({"0, 0.0 MB", "1048576, 1.0 MB", "50541363, 48.2 MB", "1073741824, 1024.0 MB"})
    void megabytesAreMebibytesToATenth(long bytes, String shown) {
        assertEquals(shown, Units.megabytes(bytes));
    }

    @Test
    void unknownMemoryIsADash() {
        assertEquals("-", Units.megabytes(-1));
    }
}
