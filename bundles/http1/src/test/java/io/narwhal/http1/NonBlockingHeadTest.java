package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.RequestLimits;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A head read without blocking, piece by piece as a selector sees bytes arrive, then served by serveNext:
 * what the parked phase parsed, refused or timed out is served or answered exactly as a blocking read would.
 */
class NonBlockingHeadTest {
    private static final String GET = "GET /parked HTTP/1.1\r\nHost: a\r\n\r\n";

    /** The blocking side: fails the test if serveNext had to wait for a head byte. */
    private static final InputStream NO_BLOCKING_READ = new InputStream() {
        @Override
        public int read() {
            throw new AssertionError("serveNext read the stream for a head the channel had delivered");
        }
    };

    private static TestConnection connection(InputStream blocking, Duration headerTimeout) {
        return new TestConnection(blocking,
                new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS, headerTimeout));
    }

    @Test
    void aHeadArrivingByteByByteIsParkedUntilWholeThenServedWithoutABlockingRead() throws IOException {
        TestConnection connection = connection(NO_BLOCKING_READ, Duration.ofSeconds(10));
        ArrivingBytes channel = new ArrivingBytes();
        for (int i = 0; i < GET.length() - 1; i++) {
            channel.arrive(GET.substring(i, i + 1));
            assertFalse(connection.connection.readHead(channel), "not whole after " + (i + 1) + " bytes");
            assertFalse(connection.connection.readHead(channel), "nothing new arrived");
        }
        channel.arrive("\n");
        assertTrue(connection.connection.readHead(channel));
        assertEquals(0, connection.connection.headDeadline(), "no deadline runs once the head is whole");

        RecordingApp app = new RecordingApp();
        assertTrue(connection.serveOne(app));
        assertEquals("/parked", app.seen.getFirst().path());
        assertEquals(200, connection.responses().next().status());
    }

    @Test
    void aHeadRefusedWhileParkedIsAnsweredByServeNextWithItsReason() throws IOException {
        TestConnection connection = connection(NO_BLOCKING_READ, Duration.ofSeconds(10));
        ArrivingBytes channel = new ArrivingBytes().arrive("GET / HTTP/1.1\r\nHost : a\r\n");
        assertTrue(connection.connection.readHead(channel), "refused: nothing more to wait for");
        RecordingApp app = new RecordingApp();
        connection.serveAll(app);
        InvalidRequestTest.assertRefused(connection, 400, "whitespace between field name and colon");
        assertEquals(List.of(), app.seen);
    }

    @Test
    void pastItsDeadlineAParkedHeadIsReadyAndAnswered408() throws IOException {
        TestConnection connection = connection(NO_BLOCKING_READ, Duration.ofMillis(200));
        ArrivingBytes channel = new ArrivingBytes().arrive("GET / HT");
        long before = System.nanoTime();
        assertFalse(connection.connection.readHead(channel));
        long deadline = connection.connection.headDeadline();
        assertTrue(deadline - before > 0 && deadline - before <= 200_000_000L + 50_000_000L,
                "due 200 ms from the connection's start: " + (deadline - before));
        while (System.nanoTime() - deadline <= 0) {
            LockSupport.parkNanos(deadline - System.nanoTime() + 1_000_000);
        }
        assertTrue(connection.connection.readHead(channel), "past its deadline");
        connection.serveAll(new RecordingApp());
        InvalidRequestTest.assertRefused(connection, 408, "the request head did not arrive within 200 ms");
    }

    @Test
    void aConnectionThatSentNothingByItsDeadlineIsClosedWithoutAnAnswer() throws IOException {
        TestConnection connection = connection(NO_BLOCKING_READ, Duration.ofMillis(100));
        ArrivingBytes channel = new ArrivingBytes();
        assertFalse(connection.connection.readHead(channel));
        long deadline = connection.connection.headDeadline();
        while (System.nanoTime() - deadline <= 0) {
            LockSupport.parkNanos(deadline - System.nanoTime() + 1_000_000);
        }
        assertTrue(connection.connection.readHead(channel));
        connection.serveAll(new RecordingApp());
        assertEquals(List.of(false), connection.results);
        assertEquals(0, connection.output().length, "a 408 here would answer a request a preconnecting client sends later");
        assertTrue(connection.closed);
    }

    @Test
    void aPeerClosingWhileParkedEndsTheConnectionQuietly() throws IOException {
        TestConnection connection = connection(NO_BLOCKING_READ, Duration.ofSeconds(10));
        ArrivingBytes channel = new ArrivingBytes();
        assertFalse(connection.connection.readHead(channel));
        channel.peerClosed = true;
        assertTrue(connection.connection.readHead(channel));
        connection.serveAll(new RecordingApp());
        assertEquals(List.of(false), connection.results);
        assertEquals(0, connection.output().length, "nothing to answer");
    }

    @Test
    void bodyBytesThatCameWithTheHeadAreKeptAndTheRestIsReadBlocking() throws IOException {
        String head = "POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n";
        TestConnection connection = connection(ScriptedInputStream.whole(bytes("fghij")), Duration.ofSeconds(10));
        assertTrue(connection.connection.readHead(new ArrivingBytes().arrive(head + "abcde")));
        RecordingApp app = new RecordingApp();
        assertTrue(connection.serveOne(app));
        assertEquals("abcdefghij", app.seen.getFirst().body());
    }

    @Test
    void aKeepAliveConnectionWaitingForItsNextRequestHasNoDeadlineUntilItsFirstByte() throws IOException {
        TestConnection connection = connection(NO_BLOCKING_READ, Duration.ofSeconds(10));
        ArrivingBytes channel = new ArrivingBytes().arrive(GET);
        assertTrue(connection.connection.readHead(channel));
        assertTrue(connection.serveOne(new RecordingApp()));
        assertFalse(connection.connection.readHead(channel));
        assertEquals(0, connection.connection.headDeadline(), "idle between requests: keepalive's to bound, not this");
        channel.arrive("G");
        assertFalse(connection.connection.readHead(channel));
        assertTrue(connection.connection.headDeadline() != 0, "the next head's deadline runs from its first byte");
    }
}
