package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HttpDateTest {
    @Test
    void formatsImfFixdate() {
        // RFC 9110 5.6.7's own example; the day of month is always two digits.
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(784111777L));
        assertEquals("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n",
                new String(HttpDate.headerLine(784111777_000L), ISO_8859_1));
    }

    @Test
    void isEncodedOncePerSecond() {
        byte[] first = HttpDate.headerLine(1_700_000_000_000L);
        assertSame(first, HttpDate.headerLine(1_700_000_000_999L), "same second: the cached bytes");
        byte[] next = HttpDate.headerLine(1_700_000_001_000L);
        assertNotSame(first, next);
        assertEquals("Date: Tue, 14 Nov 2023 22:13:21 GMT\r\n", new String(next, ISO_8859_1));
    }
}
