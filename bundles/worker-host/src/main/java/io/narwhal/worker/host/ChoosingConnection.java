package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.ConnectionChannel;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.FirstBytes;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.List;

/**
 * A new connection while its codec is not chosen: it reads the connection's first bytes, gives the connection to the
 * first codec they match (or to HTTP/1.1, once no codec can match), and from then on is that codec's connection,
 * the first bytes read again by it. Reading them keeps to what the worker type asks: without blocking from
 * {@link #readHead}, blocking from {@link #serveNext}, and within the head's deadline; a connection whose first bytes
 * do not decide by then is closed unanswered, as one that sent nothing.
 */
final class ChoosingConnection implements HttpConnection {
    private final Transport transport;
    private final ConnectionOptions options;
    private final List<HttpCodec> candidates;
    private final HttpCodec fallback;
    /** The first bytes, in write mode while they are read. */
    private final ByteBuffer first = ByteBuffer.allocate(HttpCodec.FIRST_BYTES_LIMIT);
    /** When the choice must be made, as System.nanoTime(); 0 for no header_timeout. */
    private final long deadline;
    private FirstBytesReplay replay;
    private volatile HttpConnection chosen;
    private volatile boolean closeRequested;
    private boolean ended;

    ChoosingConnection(Transport transport, ConnectionOptions options, List<HttpCodec> candidates,
            HttpCodec fallback) {
        this.transport = transport;
        this.options = options;
        this.candidates = candidates;
        this.fallback = fallback;
        Duration headerTimeout = options.headerTimeout();
        this.deadline = headerTimeout.isZero() ? 0 : (System.nanoTime() + headerTimeout.toNanos()) | 1;
    }

    @Override
    public boolean readHead(ReadableByteChannel channel) throws IOException {
        if (chosen == null) {
            if (channel.read(first) < 0) {
                ended = true;
            }
            if (!choose()) {
                return pastDeadline(); // then serveNext ends the connection
            }
        }
        return chosen.readHead(replay.channel(channel));
    }

    @Override
    public boolean serveNext(HttpApp handler) throws IOException {
        if (chosen == null && !chooseBlocking()) {
            return false;
        }
        return chosen.serveNext(handler);
    }

    /** Reads first bytes, waiting for them, until a codec is chosen; false when the deadline passed first. */
    private boolean chooseBlocking() throws IOException {
        while (!choose()) {
            if (pastDeadline()) {
                return false;
            }
            try {
                readWaiting();
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
        return true;
    }

    private void readWaiting() throws IOException {
        Duration wait = deadline == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        ConnectionChannel channel = transport.channel();
        int read;
        if (channel != null) {
            read = channel.read(first);
            if (read == 0 && !channel.awaitReadable(wait)) {
                throw new SocketTimeoutException("no codec's first bytes in time");
            }
        } else {
            if (transport.readTimeout() != null) {
                transport.readTimeout().set(wait);
            }
            read = transport.in().read(first.array(), first.position(), first.remaining());
            if (read > 0) {
                first.position(first.position() + read);
            }
        }
        if (read < 0) {
            ended = true;
        }
    }

    /** Whether the bytes so far decide; if they do, the chosen codec has the connection. */
    private boolean choose() {
        ByteBuffer seen = first.duplicate().flip().asReadOnlyBuffer();
        boolean undecided = false;
        for (HttpCodec codec : candidates) {
            FirstBytes match = codec.matchFirstBytes(seen.duplicate());
            if (match == FirstBytes.MATCH) {
                give(codec);
                return true;
            }
            undecided |= match == FirstBytes.NEED_MORE;
        }
        if (undecided && !ended && first.hasRemaining()) {
            return false;
        }
        give(fallback);
        return true;
    }

    private void give(HttpCodec codec) {
        first.flip();
        replay = new FirstBytesReplay(first);
        HttpConnection connection = codec.open(replay.transport(transport), options);
        chosen = connection;
        if (closeRequested) {
            connection.closeAfterResponse();
        }
    }

    private boolean pastDeadline() {
        return deadline != 0 && System.nanoTime() - deadline >= 0;
    }

    @Override
    public boolean hasBufferedInput() {
        HttpConnection connection = chosen;
        return connection != null ? connection.hasBufferedInput() : first.position() > 0;
    }

    @Override
    public long headDeadline() {
        HttpConnection connection = chosen;
        return connection != null ? connection.headDeadline() : deadline;
    }

    @Override
    public void closeAfterResponse() {
        closeRequested = true;
        HttpConnection connection = chosen;
        if (connection != null) {
            connection.closeAfterResponse();
        }
    }

    @Override
    public boolean idle() {
        HttpConnection connection = chosen;
        return connection != null && connection.idle();
    }

    @Override
    public void close() throws IOException {
        HttpConnection connection = chosen;
        if (connection != null) {
            connection.close();
            return;
        }
        transport.close();
    }
}
