package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.http.RequestBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The minimum body rate: an allowance of waiting, plus 1/rate s per byte received; the app's own pace is free. */
class BodyPaceTest {
    private static final long MS = 1_000_000;

    @Test
    void waitingWithinTheAllowanceAndWhatTheBytesEarnedPasses() {
        BodyPace pace = new BodyPace(1000, Duration.ofMillis(100));
        assertDoesNotThrow(() -> pace.waited(100 * MS, 0));
        assertDoesNotThrow(() -> pace.waited(50 * MS, 50)); // 150 ms waited, 100 + 50 allowed
    }

    @Test
    void waitingPastItIsA408NamingTheRate() {
        BodyPace pace = new BodyPace(1000, Duration.ofMillis(100));
        pace.waited(100 * MS, 10);
        RequestTimeoutException slow = assertThrows(RequestTimeoutException.class, () -> pace.waited(11 * MS, 0));
        assertEquals(408, slow.status());
        assertEquals("the request body arrived slower than 1000 bytes/s", slow.getMessage());
    }

    /** A body dribbled a byte per 40 ms against 100 bytes/s after 100 ms: each byte earns 10 ms, costs 40. */
    @Test
    void aDribbledBodyIsA408ThatTheAppSeesAsARequestBodyException() throws IOException {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n";
        ConnectionOptions options = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS, Duration.ofMillis(100))
                .withBodyMinRate(100);
        List<Integer> statuses = new ArrayList<>();
        TestConnection connection = new TestConnection(dribbled(head, 40), options).serveAll((request, response) -> {
            try {
                request.body().readAllBytes();
            } catch (RequestBodyException e) {
                statuses.add(e.status());
                throw e;
            }
        });
        assertEquals(List.of(408), statuses);
        InvalidRequestTest.assertRefused(connection, 408, "the request body arrived slower than 100 bytes/s");
    }

    @Test
    void theAppReadingSlowlyIsNotTheClientsFault() throws IOException {
        String request = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
        ConnectionOptions options = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS, Duration.ofMillis(50))
                .withBodyMinRate(1);
        RecordingApp app = new RecordingApp();
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(request)), options)
                .serveAll((req, response) -> {
                    for (int i = 0; i < 5; i++) {
                        LockSupport.parkNanos(30 * MS); // 150 ms between reads of bytes already buffered
                        req.body().read();
                    }
                    response.send("ok");
                });
        assertEquals(200, connection.responses().next().status());
    }

    /** The head at once, then each body byte after a pause. */
    private static InputStream dribbled(String head, long pauseMillis) {
        byte[] headBytes = bytes(head);
        return new InputStream() {
            private int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent < headBytes.length) {
                    int n = Math.min(len, headBytes.length - sent);
                    System.arraycopy(headBytes, sent, b, off, n);
                    sent += n;
                    return n;
                }
                LockSupport.parkNanos(pauseMillis * MS);
                b[off] = 'x';
                return 1;
            }
        };
    }
}
