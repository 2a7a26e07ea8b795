package io.narwhal.api.codec;

import io.narwhal.api.app.HttpApp;
import java.io.IOException;
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

    /** Closes the transport. */
    @Override
    void close() throws IOException;
}
