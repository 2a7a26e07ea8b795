package io.narwhal.worker.host;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.FirstBytes;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.codec.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection goes to the codec its first bytes match, HTTP/1.1 otherwise, and that codec reads them again. */
class CodecChoiceTest {
    private final ConnectionCounts counts = new ConnectionCounts();
    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    private static final String GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5000);
    private static final ConnectionOptions OPTIONS = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS,
            Duration.ofMillis(300));

    /** A codec whose connections record the bytes they read; it claims connections that begin with its signature. */
    private static final class RecordingCodec implements HttpCodec {
        final String signature;
        final List<RecordingConnection> opened = new ArrayList<>();

        RecordingCodec(String signature) {
            this.signature = signature;
        }

        @Override
        public HttpConnection open(Transport transport, ConnectionOptions options) {
            RecordingConnection connection = new RecordingConnection(this, transport);
            opened.add(connection);
            return connection;
        }

        @Override
        public FirstBytes matchFirstBytes(ByteBuffer firstBytes) {
            String seen = ISO_8859_1.decode(firstBytes).toString();
            if (signature == null || !(signature.startsWith(seen) || seen.startsWith(signature))) {
                return FirstBytes.NO_MATCH;
            }
            return seen.length() >= signature.length() ? FirstBytes.MATCH : FirstBytes.NEED_MORE;
        }
    }

    private static final class RecordingConnection implements HttpConnection {
        final RecordingCodec codec;
        final Transport transport;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closeAfterResponse;

        RecordingConnection(RecordingCodec codec, Transport transport) {
            this.codec = codec;
            this.transport = transport;
        }

        @Override
        public boolean serveNext(HttpApp handler) throws IOException {
            received.write(transport.in().readAllBytes());
            return false;
        }

        @Override
        public boolean readHead(ReadableByteChannel channel) throws IOException {
            ByteBuffer into = ByteBuffer.allocate(256);
            int read;
            while ((read = channel.read(into)) > 0) {
                received.write(into.array(), 0, into.position());
                into.clear();
            }
            return read < 0;
        }

        String text() {
            return received.toString(ISO_8859_1);
        }

        @Override
        public boolean hasBufferedInput() {
            return false;
        }

        @Override
        public long headDeadline() {
            return 0;
        }

        @Override
        public void closeAfterResponse() {
            closeAfterResponse = true;
        }

        @Override
        public boolean idle() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private final RecordingCodec http1 = new RecordingCodec(null);
    private final RecordingCodec h2 = new RecordingCodec(PREFACE);

    private static Transport streamOf(String bytes) {
        return transport(new ByteArrayInputStream(bytes.getBytes(ISO_8859_1)));
    }

    private static Transport transport(InputStream in) {
        return new Transport(in, new ByteArrayOutputStream(), PEER, PEER, "http", null);
    }

    @Test
    void withNoOtherCodecTheHttp11CodecOpensTheConnectionItself() throws IOException {
        HttpConnection connection = new CodecChoice(http1, List::of, counts).open(streamOf(GET), OPTIONS);
        assertEquals(1, http1.opened.size());
        assertFalse(connection.serveNext(null));
        assertEquals(GET, http1.opened.get(0).text());
    }

    @Test
    void everyConnectionCountsAsOpenUntilItsFirstClose() throws IOException {
        CodecChoice plain = new CodecChoice(http1, List::of, counts);
        CodecChoice choosing = new CodecChoice(http1, () -> List.of(h2), counts);
        HttpConnection first = plain.open(streamOf(GET), OPTIONS);
        HttpConnection second = choosing.open(streamOf(GET), OPTIONS);
        assertEquals(2, counts.open());

        first.close();
        first.close();
        assertEquals(1, counts.open(), "a second close is not a second connection gone");
        second.close();
        assertEquals(0, counts.open());
        assertEquals(2, counts.accepted());
    }

    @Test
    void aConnectionIsGivenToTheCodecItsFirstBytesMatchWhichReadsThemAgain() throws IOException {
        CodecChoice choice = new CodecChoice(http1, () -> List.of(h2), counts);
        assertFalse(choice.open(streamOf(PREFACE + "frames"), OPTIONS).serveNext(null));
        assertEquals(PREFACE + "frames", h2.opened.get(0).text());
        assertTrue(http1.opened.isEmpty());

        assertFalse(choice.open(streamOf(GET), OPTIONS).serveNext(null));
        assertEquals(GET, http1.opened.get(0).text(), "no other codec's signature: HTTP/1.1, every byte");
    }

    @Test
    void withoutBlockingTheChoiceWaitsForBytesThatCanStillMatch() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        HttpConnection connection = new CodecChoice(http1, () -> List.of(h2), counts).open(streamOf(""), OPTIONS);

        pipe.sink().write(ByteBuffer.wrap("PRI * HT".getBytes(ISO_8859_1)));
        assertFalse(connection.readHead(pipe.source()), "the preface may still follow");
        assertTrue(h2.opened.isEmpty() && http1.opened.isEmpty());
        pipe.sink().write(ByteBuffer.wrap(PREFACE.substring(8).getBytes(ISO_8859_1)));
        pipe.sink().close();
        assertTrue(connection.readHead(pipe.source()));
        assertEquals(PREFACE, h2.opened.get(0).text());
    }

    @Test
    void firstBytesThatDecideNothingByTheHeadDeadlineEndTheConnectionUnanswered() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        HttpConnection connection = new CodecChoice(http1, () -> List.of(h2), counts).open(streamOf(""), OPTIONS);
        pipe.sink().write(ByteBuffer.wrap("PR".getBytes(ISO_8859_1)));

        assertFalse(connection.readHead(pipe.source()));
        long due = connection.headDeadline();
        assertTrue(due != 0, "header_timeout bounds the choice");
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            Thread.sleep(left / 1_000_000 + 1);
        }
        assertTrue(connection.readHead(pipe.source()), "due: the worker type is to serve it, which ends it");
        assertFalse(connection.serveNext(null));
        assertTrue(h2.opened.isEmpty() && http1.opened.isEmpty(), "no codec was given it");
    }

    @Test
    void aConnectionEndingOrFillingTheLimitUndecidedGoesToHttp11() throws IOException {
        CodecChoice choice = new CodecChoice(http1, () -> List.of(h2), counts);
        assertFalse(choice.open(streamOf("PRI"), OPTIONS).serveNext(null));
        assertEquals("PRI", http1.opened.get(0).text(), "ended before its preface could: HTTP/1.1 answers it");

        RecordingCodec greedy = new RecordingCodec("x".repeat(HttpCodec.FIRST_BYTES_LIMIT + 10));
        String many = "x".repeat(HttpCodec.FIRST_BYTES_LIMIT + 10);
        assertFalse(new CodecChoice(http1, () -> List.of(greedy), counts).open(streamOf(many), OPTIONS).serveNext(null));
        assertTrue(greedy.opened.isEmpty(), "a codec that needs more than the limit is not waited for");
        assertEquals(many, http1.opened.get(1).text());
    }

    @Test
    void aCloseAskedBeforeTheChoiceHoldsForTheChosenCodec() throws IOException {
        HttpConnection connection = new CodecChoice(http1, () -> List.of(h2), counts).open(streamOf(GET), OPTIONS);
        connection.closeAfterResponse();
        assertNull(http1.opened.isEmpty() ? null : http1.opened.get(0));
        connection.serveNext(null);
        assertTrue(http1.opened.get(0).closeAfterResponse);
    }
}
