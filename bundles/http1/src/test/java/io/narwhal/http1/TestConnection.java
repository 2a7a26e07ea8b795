package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCompliance;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.ReadTimeout;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.codec.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A codec connection over an in-memory peer, served the way worker types serve it. */
final class TestConnection {
    static final ConnectionOptions KEEP_ALIVE = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS);
    static final ConnectionOptions NO_KEEP_ALIVE = new ConnectionOptions(false, RequestLimits.GUNICORN_DEFAULTS);
    static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50000);
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8000);

    final RecordingOutputStream out = new RecordingOutputStream();
    final Http1Codec codec;
    final HttpConnection connection;
    /** What each serveNext call returned, in order. */
    final List<Boolean> results = new ArrayList<>();
    boolean closed;

    TestConnection(InputStream in, ConnectionOptions options) {
        this(in, options, new Http1Codec());
    }

    /** A connection of this codec, which counts the leniencies of all its connections. */
    TestConnection(InputStream in, ConnectionOptions options, Http1Codec codec) {
        this(in, options, codec, REMOTE);
    }

    /** A connection from this peer (a proxy that is allowed, or one that is not). */
    TestConnection(InputStream in, ConnectionOptions options, InetSocketAddress remote) {
        this(in, options, new Http1Codec(), remote);
    }

    private TestConnection(InputStream in, ConnectionOptions options, Http1Codec codec, InetSocketAddress remote) {
        this(in, options, codec, remote, null);
    }

    /** A connection whose codec bounds its reads through this hook (the timeouts are the test's to record). */
    TestConnection(InputStream in, ConnectionOptions options, ReadTimeout readTimeout) {
        this(in, options, new Http1Codec(), REMOTE, readTimeout);
    }

    private TestConnection(InputStream in, ConnectionOptions options, Http1Codec codec, InetSocketAddress remote,
            ReadTimeout readTimeout) {
        this.codec = codec;
        Transport transport = new Transport(in, out, remote, LOCAL, "http", () -> closed = true, readTimeout);
        connection = codec.open(transport, options);
    }

    static TestConnection of(String request) {
        return new TestConnection(ScriptedInputStream.whole(bytes(request)), KEEP_ALIVE);
    }

    /** A keep-alive connection under this compliance mode. */
    static TestConnection of(String request, HttpCompliance mode) {
        ConnectionOptions options = new ConnectionOptions(true, RequestLimits.GUNICORN_DEFAULTS).withCompliance(mode);
        return new TestConnection(ScriptedInputStream.whole(bytes(request)), options);
    }

    static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    /** Serves until the connection says to close (at most a bound, so a bug cannot loop forever), then closes. */
    TestConnection serveAll(HttpApp app) throws IOException {
        return serveAll(app, 100);
    }

    /** Serves until the connection says to close or after this many calls, then closes. */
    TestConnection serveAll(HttpApp app, int maxCalls) throws IOException {
        for (int i = 0; i < maxCalls; i++) {
            boolean more = connection.serveNext(app);
            results.add(more);
            if (!more) {
                break;
            }
        }
        connection.close();
        return this;
    }

    /** One serveNext call. */
    boolean serveOne(HttpApp app) throws IOException {
        boolean more = connection.serveNext(app);
        results.add(more);
        return more;
    }

    byte[] output() {
        return out.toByteArray();
    }

    String outputText() {
        return out.toString(ISO_8859_1);
    }

    ResponseReader responses() {
        return new ResponseReader(output());
    }
}
