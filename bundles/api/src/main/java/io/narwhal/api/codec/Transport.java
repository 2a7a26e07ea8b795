package io.narwhal.api.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * A connection's bytes and addresses: either as blocking streams, or as a non-blocking {@link ConnectionChannel}
 * (then {@code in} and {@code out} are null). Stream reads block until at least one byte arrives (or EOF, or a
 * socket timeout as SocketTimeoutException); the codec buffers writes itself and flushes per response.
 *
 * @param readTimeout how the codec bounds a blocking stream read per phase; null when the worker type bounds reads
 *     itself (a channel's reads are bounded through its own waits)
 * @param channel the connection as a non-blocking channel, or null for a transport of streams
 */
public record Transport(InputStream in, OutputStream out, InetSocketAddress remoteAddress,
        InetSocketAddress localAddress, String scheme, AutoCloseable closer, ReadTimeout readTimeout,
        ConnectionChannel channel) {

    public Transport {
        if (channel == null && (in == null || out == null)) {
            throw new IllegalArgumentException("a transport needs its streams or its channel");
        }
        if (channel != null && (in != null || out != null)) {
            throw new IllegalArgumentException("a transport of a channel has no streams of its own");
        }
    }

    /** A transport of streams whose reads the codec bounds per phase through readTimeout. */
    public Transport(InputStream in, OutputStream out, InetSocketAddress remoteAddress,
            InetSocketAddress localAddress, String scheme, AutoCloseable closer, ReadTimeout readTimeout) {
        this(in, out, remoteAddress, localAddress, scheme, closer, readTimeout, null);
    }

    /** A transport of streams whose reads the worker type bounds itself (as before the codec could). */
    public Transport(InputStream in, OutputStream out, InetSocketAddress remoteAddress,
            InetSocketAddress localAddress, String scheme, AutoCloseable closer) {
        this(in, out, remoteAddress, localAddress, scheme, closer, null, null);
    }

    /** A transport of a non-blocking channel. */
    public static Transport of(ConnectionChannel channel, InetSocketAddress remoteAddress,
            InetSocketAddress localAddress, String scheme, AutoCloseable closer) {
        if (channel == null) {
            throw new IllegalArgumentException("channel is required");
        }
        return new Transport(null, null, remoteAddress, localAddress, scheme, closer, null, channel);
    }

    /** Closes the connection: through its closer if it has one, else its channel, else its streams. */
    public void close() throws java.io.IOException {
        try {
            if (closer != null) {
                closer.close();
            } else if (channel != null) {
                channel.close();
            } else {
                try (var input = in) {
                    out.close();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException(e);
        }
    }
}
