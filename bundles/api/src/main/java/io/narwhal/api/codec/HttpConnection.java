package io.narwhal.api.codec;

import io.narwhal.api.app.HttpApp;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import org.osgi.annotation.versioning.ProviderType;

/** One connection's protocol state. Used by one thread at a time. */
@ProviderType
public interface HttpConnection extends AutoCloseable {
    /**
     * Reads the next request (blocking on the transport until it has arrived), hands it to the handler and
     * writes the response. Malformed input is answered with its error status here, never thrown.
     *
     * @return true when the connection may carry another request; false when the caller must close it
     *     (the peer closed, asked to close, sent something malformed, or keep-alive is off)
     * @throws IOException when the transport fails; the caller closes the connection
     */
    boolean serveNext(HttpApp handler) throws IOException;

    /** Whether bytes of a next (pipelined) request are already buffered, so reading will not block. */
    boolean hasBufferedInput();

    /**
     * Reads, without blocking, what has arrived of the next request head from the connection's channel (in
     * non-blocking mode), and parses as far as it goes. A worker type parks a connection on a selector until this
     * answers true, so a client trickling its head (slowloris) holds no thread: only {@link #serveNext} needs one.
     *
     * @return true when {@link #serveNext} will not wait for head bytes: the head is complete, or refused, or past
     *     its deadline, or the peer closed; false when more bytes are needed
     * @throws IOException when the channel fails; the caller closes the connection
     */
    boolean readHead(ReadableByteChannel channel) throws IOException;

    /**
     * When the request head being read must be complete, as {@link System#nanoTime()}; 0 while no deadline runs
     * (none configured, or a keep-alive connection waiting for its next request's first byte). Once it has
     * passed, {@link #serveNext} answers the client (408) without reading.
     */
    long headDeadline();

    /**
     * Asks that the connection end after the response now being served (or the next one): a response not yet
     * committed says {@code Connection: close}. For a worker type stopping, at max_requests, or over
     * worker_connections. Callable from any thread.
     */
    void closeAfterResponse();

    /**
     * Whether the connection waits for a next request of which nothing has arrived (keep-alive, between requests),
     * so closing it loses nothing the client sent. Callable from any thread; as of the call, since a byte may
     * arrive the next moment (a client must be ready for that race on any keep-alive connection).
     */
    boolean idle();

    /** Closes the transport. */
    @Override
    void close() throws IOException;
}
