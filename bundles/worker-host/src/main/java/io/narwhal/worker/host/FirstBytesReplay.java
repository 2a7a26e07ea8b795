package io.narwhal.worker.host;

import io.narwhal.api.codec.ConnectionChannel;
import io.narwhal.api.codec.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;

/**
 * The first bytes read to choose a connection's codec, given back to the chosen codec before anything more is read:
 * its transport, and the channel a worker type hands it to read heads without blocking, both read them first.
 */
final class FirstBytesReplay {
    private final ByteBuffer first;

    /** @param first the bytes read, from its position to its limit */
    FirstBytesReplay(ByteBuffer first) {
        this.first = first;
    }

    /** The connection's transport, its reads beginning with the first bytes. */
    Transport transport(Transport transport) {
        if (transport.channel() != null) {
            return Transport.of(channel(transport.channel()), transport.remoteAddress(), transport.localAddress(),
                    transport.scheme(), transport.closer() != null ? transport.closer() : transport.channel());
        }
        return new Transport(stream(transport.in()), transport.out(), transport.remoteAddress(),
                transport.localAddress(), transport.scheme(), transport.closer(), transport.readTimeout());
    }

    /** A channel the worker type reads heads from without blocking, beginning with the first bytes. */
    ReadableByteChannel channel(ReadableByteChannel channel) {
        return first.hasRemaining() ? new ReplayingChannel<>(channel) : channel;
    }

    private int replay(ByteBuffer into) {
        int n = Math.min(first.remaining(), into.remaining());
        into.put(first.slice(first.position(), n));
        first.position(first.position() + n);
        return n;
    }

    private ConnectionChannel channel(ConnectionChannel channel) {
        return new ReplayingConnectionChannel(channel);
    }

    /** Reads the first bytes, then the channel's. */
    private class ReplayingChannel<C extends ReadableByteChannel> implements ReadableByteChannel {
        final C channel;

        ReplayingChannel(C channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            return first.hasRemaining() ? replay(into) : channel.read(into);
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

    /** The connection's channel, its reads beginning with the first bytes, which are readable at once. */
    private final class ReplayingConnectionChannel extends ReplayingChannel<ConnectionChannel>
            implements ConnectionChannel {
        ReplayingConnectionChannel(ConnectionChannel channel) {
            super(channel);
        }

        @Override
        public int write(ByteBuffer from) throws IOException {
            return channel.write(from);
        }

        @Override
        public boolean awaitReadable(Duration timeout) throws IOException {
            return first.hasRemaining() || channel.awaitReadable(timeout);
        }

        @Override
        public boolean awaitWritable() throws IOException {
            return channel.awaitWritable();
        }
    }

    private InputStream stream(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return first.hasRemaining() ? first.get() & 0xFF : in.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                return first.hasRemaining() ? replay(ByteBuffer.wrap(bytes, offset, length)) : in.read(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
