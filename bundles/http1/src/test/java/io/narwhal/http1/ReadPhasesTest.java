package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.RequestLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-phase read deadlines through the transport's ReadTimeout: a head's reads wait no longer than its deadline,
 * the body's are the worker type's, the wait for a keep-alive connection's next request is keepalive long; and a
 * worker type can ask a connection to end after its response.
 */
class ReadPhasesTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final ConnectionOptions KEEP_ALIVE = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS,
            Duration.ofSeconds(10)).withIdleTimeout(Duration.ofSeconds(2));

    @Test
    void eachPhaseBoundsItsReadsAndAnIdleConnectionEndsQuietlyAtKeepalive() throws IOException {
        List<Duration> timeouts = new ArrayList<>();
        String post = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
        TestConnection connection = new TestConnection(
                ScriptedInputStream.pieces(true, bytes(post.substring(0, 10)), bytes(post.substring(10)), bytes("hello"),
                        bytes(GET)),
                KEEP_ALIVE, timeouts::add).serveAll(new RecordingApp());

        assertEquals(List.of(true, true, false), connection.results, "two requests, then the idle wait ran out");
        assertEquals(6, timeouts.size(), timeouts::toString);
        // The first head's two reads wait for what is left of its deadline; then the body's reads are the worker
        // type's again; the next request's first byte is awaited keepalive long, and once its head is whole (one
        // read brought it all) the worker type's again; the third wait runs out and the connection ends quietly.
        assertTrue(isHeadRest(timeouts.get(0)) && isHeadRest(timeouts.get(1)), timeouts::toString);
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(2)),
                timeouts.subList(2, 6));
        ResponseReader responses = connection.responses();
        assertEquals(200, responses.next().status());
        assertEquals(200, responses.next().status());
        assertTrue(responses.atEnd(), connection::outputText);
    }

    private static boolean isHeadRest(Duration timeout) {
        return timeout.compareTo(Duration.ofSeconds(9)) > 0 && timeout.compareTo(Duration.ofSeconds(10)) <= 0;
    }

    @Test
    void closeAfterResponseMakesTheNextResponseSayCloseAndEndsTheConnection() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(GET + GET)), KEEP_ALIVE);
        assertTrue(connection.serveOne(new RecordingApp()));
        connection.connection.closeAfterResponse();
        assertEquals(false, connection.serveOne(new RecordingApp()));
        ResponseReader responses = connection.responses();
        assertEquals(null, responses.next().header("Connection"));
        assertEquals("close", responses.next().header("Connection"));
    }

    @Test
    void closeAfterResponseDuringTheAppEndsTheConnectionAfterIt() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(GET + GET)), KEEP_ALIVE);
        boolean more = connection.serveOne((request, response) -> {
            connection.connection.closeAfterResponse();
            response.send("stopping");
        });
        assertEquals(false, more, "the pipelined second request is left for no one: the worker is stopping");
        assertEquals("close", connection.responses().next().header("Connection"), "asked before the response began");
    }

    @Test
    void aConnectionIsIdleOnlyBetweenRequestsWithNothingOfTheNextBuffered() throws IOException {
        TestConnection connection = new TestConnection(ScriptedInputStream.whole(bytes(GET)), KEEP_ALIVE);
        assertEquals(false, connection.connection.idle(), "a new connection's first request may be on its way");
        List<Boolean> duringTheApp = new ArrayList<>();
        assertTrue(connection.serveOne((request, response) -> duringTheApp.add(connection.connection.idle())));
        assertEquals(List.of(false), duringTheApp);
        assertEquals(true, connection.connection.idle(), "served one, nothing of the next has come");

        TestConnection pipelined = new TestConnection(ScriptedInputStream.whole(bytes(GET + "GET /2")), KEEP_ALIVE);
        assertTrue(pipelined.serveOne(new RecordingApp()));
        assertEquals(false, pipelined.connection.idle(), "the next request's bytes are buffered");
    }
}
