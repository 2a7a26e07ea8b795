package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A connection holds the codec's large arrays only while a request needs them: between keep-alive requests it
 * keeps its small idle array alone, and a closed connection gives back whatever it held.
 */
class PooledBuffersTest {
    private static final String LONG_HEAD = "GET /long HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n";
    private static final String POST = "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";

    @Test
    void betweenKeepAliveRequestsAConnectionHoldsNoPooledArray() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.pieces(false, bytes(LONG_HEAD), bytes(POST)),
                TestConnection.KEEP_ALIVE);
        assertTrue(connection.serveOne(new RecordingApp()));
        assertArrayEquals(new int[] {1, 1}, connection.codec.pooledBuffers(),
                "the head outgrew the idle array; both arrays are back in the pool");
        RecordingApp app = new RecordingApp();
        assertTrue(connection.serveOne(app));
        assertEquals("hello", app.seen.getFirst().body());
        assertArrayEquals(new int[] {1, 1}, connection.codec.pooledBuffers(), "taken for the body, given back");
    }

    @Test
    void aSmallRequestNeverTakesALargeInputArray() throws IOException {
        TestConnection connection = TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(connection.serveOne(new RecordingApp()));
        assertArrayEquals(new int[] {0, 1}, connection.codec.pooledBuffers(), "only the response's array was used");
    }

    @Test
    void aConnectionClosedMidRequestGivesItsArraysBack() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(LONG_HEAD.substring(0, 2000))),
                TestConnection.KEEP_ALIVE).serveAll(new RecordingApp());
        assertEquals(true, connection.closed);
        assertArrayEquals(new int[] {1, 0}, connection.codec.pooledBuffers());
    }
}
