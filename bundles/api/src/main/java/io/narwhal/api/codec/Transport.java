package io.narwhal.api.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * A connection's byte streams and addresses. Reads block until at least one byte arrives (or EOF, or a
 * socket timeout as SocketTimeoutException); the codec buffers writes itself and flushes per response.
 */
public record Transport(InputStream in, OutputStream out, InetSocketAddress remoteAddress,
        InetSocketAddress localAddress, String scheme, AutoCloseable closer) {
}
