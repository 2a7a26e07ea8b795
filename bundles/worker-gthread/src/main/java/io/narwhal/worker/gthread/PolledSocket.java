package io.narwhal.worker.gthread;

import io.narwhal.api.codec.ConnectionChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection's socket as the codec sees it: non-blocking for its whole life, whether the poller waits on it or a
 * thread serves it; a serving thread that must wait does so on its own selector ({@link ThreadSelectors}).
 */
final class PolledSocket implements ConnectionChannel {
    private final SocketChannel channel;
    /** What a body's read, or a response's write, may wait: the worker's timeout. */
    private final long defaultWaitMillis;

    PolledSocket(SocketChannel channel, Duration defaultWait) {
        this.channel = channel;
        this.defaultWaitMillis = Math.max(1, defaultWait.toMillis());
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    public int write(ByteBuffer from) throws IOException {
        return channel.write(from);
    }

    @Override
    public boolean awaitReadable(Duration timeout) throws IOException {
        // Rounded up: a wait for what is left of a deadline must not end before the deadline.
        long millis = timeout.isZero() ? defaultWaitMillis : TimeUnit.NANOSECONDS.toMillis(timeout.toNanos() + 999_999);
        return ThreadSelectors.await(channel, SelectionKey.OP_READ, millis);
    }

    @Override
    public boolean awaitWritable() throws IOException {
        return ThreadSelectors.await(channel, SelectionKey.OP_WRITE, defaultWaitMillis);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
