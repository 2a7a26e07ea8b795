package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.http.RequestBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Read timeouts and the peer closing, before, inside and between requests. */
class TimeoutAndEofTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

    private static TestConnection serve(ScriptedInputStream in) throws IOException {
        return new TestConnection(in, TestConnection.KEEP_ALIVE).serveAll(new RecordingApp());
    }

    @Test
    void anIdleConnectionTimingOutEndsQuietly() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(new byte[0]));
        assertEquals("", connection.outputText());
        assertEquals(List.of(false), connection.results);
        assertTrue(connection.closed);
    }

    @Test
    void anIdleKeepAliveConnectionTimingOutAfterARequestEndsQuietly() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(bytes(GET)));
        ResponseReader responses = connection.responses();
        assertEquals(200, responses.next().status());
        assertTrue(responses.atEnd());
        assertEquals(List.of(true, false), connection.results);
    }

    @Test
    void leadingEmptyLinesDoNotCountAsARequestStarted() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(bytes("\r\n")));
        assertEquals("", connection.outputText());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aTimeoutInsideTheRequestLineIsA408() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(bytes("GET / HT")));
        RawResponse response = connection.responses().next();
        assertEquals(408, response.status());
        assertTrue(response.closes());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aTimeoutInsideTheHeadersIsA408() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(bytes("GET / HTTP/1.1\r\nHost: a\r\n")));
        assertEquals(408, connection.responses().next().status());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aTimeoutInsideTheBodyIsA408WhenTheResponseIsNotCommitted() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(bytes(
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234")));
        RawResponse response = connection.responses().next();
        assertEquals(408, response.status());
        assertTrue(response.closes());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void aTimeoutInsideAChunkedBodyIsA408() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.thenTimeout(bytes(
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")));
        assertEquals(408, connection.responses().next().status());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void theConnectionEndingBeforeARequestEndsQuietly() throws IOException {
        TestConnection connection = serve(ScriptedInputStream.whole(new byte[0]));
        assertEquals("", connection.outputText());
        assertEquals(List.of(false), connection.results);
    }

    @Test
    void theConnectionEndingInsideAHeadEndsWithoutAnswer() throws IOException {
        for (String cut : List.of("G", "GET / HTTP/1.1", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: a\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\n\r")) {
            TestConnection connection = serve(ScriptedInputStream.whole(bytes(cut)));
            assertEquals("", connection.outputText(), cut);
            assertEquals(List.of(false), connection.results, cut);
        }
    }

    @Test
    void theConnectionEndingInsideABodyTheAppReadsEndsWithoutAnswer() throws IOException {
        List<String> failures = new ArrayList<>();
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234")), TestConnection.KEEP_ALIVE)
                .serveAll((request, response) -> {
                    try {
                        request.body().readAllBytes();
                    } catch (RequestBodyException e) {
                        failures.add(e.status() + " " + e.getCause().getClass().getSimpleName() + ": " + e.getMessage());
                        throw e;
                    }
                });
        assertEquals(List.of("400 EOFException: the request body is incomplete: connection closed with 5 bytes of the"
                + " body missing"), failures);
        assertEquals("", connection.outputText());
        assertEquals(List.of(false), connection.results);
    }

    /** A client sending its head a byte at a time, forever: slowloris. */
    private static InputStream trickling(String start) {
        byte[] head = bytes(start);
        return new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                return sent < head.length ? head[sent++] & 0xFF : 'a';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                buffer[offset] = (byte) read();
                return 1;
            }
        };
    }

    @Test
    void aHeadStillTricklingAtTheHeaderTimeoutIsA408AndTheConnectionCloses() throws IOException {
        ConnectionOptions options = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS, Duration.ofMillis(300));
        RecordingApp app = new RecordingApp();
        long started = System.nanoTime();
        TestConnection connection = new TestConnection(trickling("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: "), options)
                .serveAll(app);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        RawResponse answer = connection.responses().next();
        assertEquals(408, answer.status());
        assertEquals("408 Request Timeout: the request head did not arrive within 300 ms\n", answer.bodyText());
        assertEquals(List.of(false), connection.results);
        assertTrue(app.seen.isEmpty());
        assertTrue(tookMillis >= 300, "not before the deadline: " + tookMillis + " ms");
    }

    @Test
    void withoutAHeaderTimeoutATricklingHeadIsReadOnUntilItsLimit() throws IOException {
        // The old contract (no deadline): only the field-size limit ends it.
        ConnectionOptions options = new ConnectionOptions(true, new RequestLimits(4094, 100, 60));
        TestConnection connection = new TestConnection(trickling("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: "), options)
                .serveAll(new RecordingApp());
        assertEquals(431, connection.responses().next().status());
    }
}
