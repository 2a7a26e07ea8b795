package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Date header line in IMF-fixdate (RFC 9110 5.6.7). Formatting a date costs far more than a response
 * head, and the value only changes once a second: it is encoded at most once per second and shared by all
 * connections.
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Line(long epochSecond, byte[] bytes) {
    }

    private static volatile Line current = new Line(Long.MIN_VALUE, null);

    private HttpDate() {
    }

    /** "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n" for now. */
    static byte[] headerLine() {
        return headerLine(System.currentTimeMillis());
    }

    static byte[] headerLine(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Line line = current;
        if (line.epochSecond() != second) {
            // Racing threads may each format the same second; the result is identical, so no lock.
            line = new Line(second, ("Date: " + format(second) + "\r\n").getBytes(ISO_8859_1));
            current = line;
        }
        return line.bytes();
    }

    static String format(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
    }
}
