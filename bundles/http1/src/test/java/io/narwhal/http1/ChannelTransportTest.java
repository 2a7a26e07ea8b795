package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.LOCAL;
import static io.narwhal.http1.TestConnection.REMOTE;
import static io.narwhal.http1.TestConnection.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.codec.ConnectionChannel;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.codec.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transport of a non-blocking channel: the codec reads and writes it without ever waiting in a read or write, and
 * waits through the channel's own waits, with the same per-phase timeouts a transport of streams gets.
 */
class ChannelTransportTest {
    private static final ConnectionOptions KEEP_ALIVE = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS,
            Duration.ofSeconds(10)).withIdleTimeout(Duration.ofSeconds(2));

    /**
     * A channel whose reads give the scripted pieces, nothing (0) before each, and whose waits answer as scripted;
     * its writes take at most writeChunk bytes a call and nothing every other call.
     */
    private static final class ScriptedChannel implements ConnectionChannel {
        final Deque<byte[]> pieces = new ArrayDeque<>();
        final Deque<Boolean> readWaits = new ArrayDeque<>();
        final List<Duration> readTimeouts = new ArrayList<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int writeChunk = Integer.MAX_VALUE;
        int writeCalls;
        int writeWaits;
        boolean peerReads = true;
        boolean readable;
        boolean open = true;

        ScriptedChannel(String... pieces) {
            for (String piece : pieces) {
                this.pieces.add(bytes(piece));
            }
        }

        @Override
        public int read(ByteBuffer into) {
            if (!readable) {
                return pieces.isEmpty() && readWaits.isEmpty() ? -1 : 0;
            }
            readable = false;
            byte[] piece = pieces.poll();
            if (piece == null) {
                return -1;
            }
            into.put(piece);
            return piece.length;
        }

        @Override
        public boolean awaitReadable(Duration timeout) {
            readTimeouts.add(timeout);
            boolean arrived = readWaits.isEmpty() || readWaits.poll();
            readable = arrived;
            return arrived;
        }

        @Override
        public int write(ByteBuffer from) {
            if (writeCalls++ % 2 == 1) {
                return 0; // the socket's send buffer is full this time
            }
            int n = Math.min(writeChunk, from.remaining());
            byte[] taken = new byte[n];
            from.get(taken);
            written.write(taken, 0, n);
            return n;
        }

        @Override
        public boolean awaitWritable() {
            writeWaits++;
            return peerReads;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        String output() {
            return written.toString(ISO_8859_1);
        }
    }

    private static HttpConnection open(ScriptedChannel channel) {
        return new Http1Codec().open(Transport.of(channel, REMOTE, LOCAL, "http", null), KEEP_ALIVE);
    }

    @Test
    void readsWaitThroughTheChannelWithEachPhasesTimeoutAndTheConnectionIsKept() throws IOException {
        String post = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
        ScriptedChannel channel = new ScriptedChannel(post.substring(0, 10), post.substring(10), "hello",
                "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        channel.readWaits.addAll(List.of(true, true, true, true, false));
        HttpConnection connection = open(channel);
        RecordingApp app = new RecordingApp();

        assertTrue(connection.serveNext(app));
        assertTrue(connection.serveNext(app));
        assertEquals(false, connection.serveNext(app), "the idle wait for a third request ran out: closed quietly");

        // Each read found nothing first: the head's wait is what is left of header_timeout, the body's the worker
        // type's own (zero), the next request's first byte keepalive, and the third request's keepalive ran out.
        List<Duration> timeouts = channel.readTimeouts;
        assertEquals(5, timeouts.size(), timeouts::toString);
        assertTrue(timeouts.get(0).compareTo(Duration.ofSeconds(9)) > 0, timeouts::toString);
        assertTrue(timeouts.get(1).compareTo(Duration.ofSeconds(10)) <= 0, timeouts::toString);
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(2)), timeouts.subList(2, 5));
        ResponseReader responses = new ResponseReader(channel.written.toByteArray());
        assertEquals(200, responses.next().status());
        assertEquals(200, responses.next().status());
        assertTrue(responses.atEnd(), channel::output);
        assertEquals(List.of("hello", ""), app.seen.stream().map(RecordingApp.Seen::body).toList());
    }

    @Test
    void aHeadWhoseWaitRunsOutIsAnswered408() throws IOException {
        ScriptedChannel channel = new ScriptedChannel("GET / HTTP/1.1\r\n");
        channel.readWaits.addAll(List.of(true, false));
        HttpConnection connection = open(channel);

        assertEquals(false, connection.serveNext(new RecordingApp()));
        RawResponse response = new ResponseReader(channel.written.toByteArray()).next();
        assertEquals(408, response.status());
        assertTrue(response.bodyText().contains("the request did not arrive in time"), response::bodyText);
    }

    @Test
    void aResponseTheSocketTakesInPartsIsWrittenWholeWaitingWhenItTakesNothing() throws IOException {
        ScriptedChannel channel = new ScriptedChannel("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        channel.writeChunk = 1000;
        HttpConnection connection = open(channel);
        String body = "x".repeat(50_000);

        assertTrue(connection.serveNext((request, response) -> response.send(body)));
        assertEquals(body, new ResponseReader(channel.written.toByteArray()).next().bodyText());
        assertTrue(channel.writeWaits > 40, "every other write took nothing, and waited: " + channel.writeWaits);
    }

    @Test
    void aPeerThatTakesNothingWithinTheWaitEndsTheConnection() {
        ScriptedChannel channel = new ScriptedChannel("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        channel.writeChunk = 1000;
        channel.peerReads = false;
        HttpConnection connection = open(channel);

        IOException failure = assertThrows(IOException.class,
                () -> connection.serveNext((request, response) -> response.send("x".repeat(50_000))));
        assertTrue(failure instanceof SocketTimeoutException
                || failure.getCause() instanceof SocketTimeoutException, failure::toString);
        assertEquals(1, channel.writeWaits, "one wait ran out, no more were tried");
    }

    @Test
    void closingTheConnectionClosesTheChannelWhenNoCloserIsGiven() throws IOException {
        ScriptedChannel channel = new ScriptedChannel();
        open(channel).close();
        assertEquals(false, channel.open);
    }

    @Test
    void aTransportHasItsStreamsOrItsChannelNeverBothNorNeither() {
        ScriptedChannel channel = new ScriptedChannel();
        assertThrows(IllegalArgumentException.class,
                () -> new Transport(null, null, REMOTE, LOCAL, "http", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Transport(new java.io.ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), REMOTE, LOCAL, "http", null, null, channel));
        assertThrows(IllegalArgumentException.class, () -> Transport.of(null, REMOTE, LOCAL, "http", null));
    }
}
