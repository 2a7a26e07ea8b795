package io.narwhal.api.codec;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.time.Duration;

/**
 * A connection's socket as a channel that stays in non-blocking mode for its whole life: {@link #read} and
 * {@link #write} never wait (they may move no bytes), and the worker type says how a thread waits for the socket
 * instead. A worker type that keeps its connections registered on a selector between requests hands the codec this,
 * so nothing switches the socket between blocking and non-blocking mode per request, nor re-registers it.
 */
public interface ConnectionChannel extends ByteChannel {
    /**
     * Waits until bytes can be read (or the peer closed), at most the timeout.
     *
     * @param timeout how long to wait; zero for the worker type's own default (what it gives a body's reads)
     * @return false when the timeout passed first
     */
    boolean awaitReadable(Duration timeout) throws IOException;

    /**
     * Waits until the socket takes more bytes, at most the worker type's own default: a peer that reads nothing
     * for that long is given up on.
     *
     * @return false when the timeout passed first
     */
    boolean awaitWritable() throws IOException;
}
