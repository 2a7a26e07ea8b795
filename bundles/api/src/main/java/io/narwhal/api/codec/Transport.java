package io.narwhal.api.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * A connection's byte streams and addresses. Reads block until at least one byte arrives (or EOF, or a
 * socket timeout as SocketTimeoutException); the codec buffers writes itself and flushes per response.
 *
 * @param readTimeout how the codec bounds a blocking read per phase; null when the worker type bounds reads itself
 */
public record Transport(InputStream in, OutputStream out, InetSocketAddress remoteAddress,
        InetSocketAddress localAddress, String scheme, AutoCloseable closer, ReadTimeout readTimeout) {

    /** A transport whose reads the worker type bounds itself (as before the codec could). */
    public Transport(InputStream in, OutputStream out, InetSocketAddress remoteAddress,
            InetSocketAddress localAddress, String scheme, AutoCloseable closer) {
        this(in, out, remoteAddress, localAddress, scheme, closer, null);
    }
}
