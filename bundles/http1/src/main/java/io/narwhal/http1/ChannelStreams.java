package io.narwhal.http1;

import io.narwhal.api.codec.ConnectionChannel;
import io.narwhal.api.codec.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Blocking streams over a connection's non-blocking channel, for the parts of the codec that read and write a
 * stream: a read or write that moves nothing waits through the channel's own waits, the socket never changing mode.
 * A read waits as long as the phase's timeout the codec last set (zero: the worker type's default).
 */
final class ChannelStreams {
    private ChannelStreams() {
    }

    /** The transport as streams: itself when it is streams already. */
    static Transport of(Transport transport) {
        ConnectionChannel channel = transport.channel();
        if (channel == null) {
            return transport;
        }
        Input in = new Input(channel);
        AutoCloseable closer = transport.closer() != null ? transport.closer() : channel;
        return new Transport(in, new Output(channel), transport.remoteAddress(), transport.localAddress(),
                transport.scheme(), closer, in::setTimeout);
    }

    private static final class Input extends InputStream {
        private final ConnectionChannel channel;
        private Duration timeout = Duration.ZERO;

        Input(ConnectionChannel channel) {
            this.channel = channel;
        }

        void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer into = ByteBuffer.wrap(bytes, offset, length);
            while (true) {
                int read = channel.read(into);
                if (read != 0) {
                    return read;
                }
                if (!channel.awaitReadable(timeout)) {
                    throw new SocketTimeoutException("Read timed out");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class Output extends OutputStream {
        private final ConnectionChannel channel;

        Output(ConnectionChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer from = ByteBuffer.wrap(bytes, offset, length);
            while (from.hasRemaining()) {
                if (channel.write(from) == 0 && !channel.awaitWritable()) {
                    throw new SocketTimeoutException("Write timed out: the peer reads nothing");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
