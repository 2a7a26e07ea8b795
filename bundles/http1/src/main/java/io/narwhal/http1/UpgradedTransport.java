package io.narwhal.http1;

import io.narwhal.api.app.UpgradedConnection;
import io.narwhal.api.codec.ReadTimeout;
import io.narwhal.api.codec.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/** A connection after its 101: the bytes the codec had buffered past the head come first, then the transport's. */
final class UpgradedTransport implements UpgradedConnection {
    private final Transport transport;
    private final InputStream in;

    UpgradedTransport(InputBuffer buffered, Transport transport) {
        this.transport = transport;
        this.in = new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] destination, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, destination.length);
                return buffered.read(destination, offset, length);
            }

            @Override
            public int available() {
                return buffered.available();
            }
        };
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return transport.out();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        ReadTimeout readTimeout = transport.readTimeout();
        if (readTimeout != null) {
            readTimeout.set(timeout);
        }
    }
}
