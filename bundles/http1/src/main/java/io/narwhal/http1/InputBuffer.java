package io.narwhal.http1;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The bytes read from the connection and not yet consumed, between {@link #position()} and {@link #limit()}.
 * Parsers look at the array directly and remember how far they got as an offset from the position, so the
 * unconsumed bytes may be moved to the front when more room is needed without the parsers noticing.
 * Whatever follows one request (a pipelined next one) stays here for the next.
 */
final class InputBuffer {
    /** Reads at least this large go straight into the caller's array when nothing is buffered. */
    private static final int DIRECT_READ = 4096;
    /** Less room than this at the end, and the unconsumed bytes move to the front before a read. */
    private static final int MIN_READ = 2048;

    /** What a connection reads into between requests: most requests fit, and it is all an idle connection holds. */
    static final int IDLE_CAPACITY = 1024;

    private final InputStream in;
    private final BufferPool pool;
    private final byte[] idle = new byte[IDLE_CAPACITY];
    /** The idle array, or the pool's while a request needs more room than it has. */
    private byte[] bytes = idle;
    /**
     * The idle array as a channel reads into it, made once: a ByteBuffer.wrap for every non-blocking read was
     * some 3% of what a keep-alive request allocated. None is kept over a pool's array, which would hold it.
     */
    private final ByteBuffer idleWindow = ByteBuffer.wrap(idle);
    private int position;
    private int limit;
    /** Whether a non-blocking read met the end of the stream, which the blocking reads must not wait past. */
    private boolean ended;

    /** @param pool the large arrays, as long as the longest line a limit allows */
    InputBuffer(InputStream in, BufferPool pool) {
        this.in = in;
        this.pool = pool;
    }

    /** Takes a large array for a body, so it is not read a small array at a time. */
    void growForBody() {
        if (bytes == idle) {
            grow();
        }
    }

    /** Gives the large array back when nothing is left in it, between requests. */
    void release() {
        if (position == limit) {
            discard();
        }
    }

    /** Gives the large array back, dropping what it holds: the connection is closed. */
    void discard() {
        if (bytes != idle) {
            pool.give(bytes);
            bytes = idle;
            position = 0;
            limit = 0;
        }
    }

    byte[] array() {
        return bytes;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    int available() {
        return limit - position;
    }

    /** Marks n bytes from the position as used. */
    void consume(int n) {
        if (n < 0 || n > available()) {
            throw new IllegalArgumentException("consume " + n + " of " + available());
        }
        position += n;
    }

    /**
     * Reads more bytes behind the unconsumed ones, blocking until some arrive.
     *
     * @return false at end of stream
     * @throws java.net.SocketTimeoutException when the transport's read timeout expires
     */
    boolean fill() throws IOException {
        makeRoom();
        if (ended) {
            return false;
        }
        int read;
        do {
            read = in.read(bytes, limit, bytes.length - limit);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    /**
     * Reads what the channel has behind the unconsumed bytes, without blocking (the channel is non-blocking).
     *
     * @return the number of bytes read, 0 when none had arrived, or -1 at end of stream
     */
    int fillFrom(ReadableByteChannel channel) throws IOException {
        makeRoom();
        if (ended) {
            return -1;
        }
        ByteBuffer into = bytes == idle ? idleWindow.limit(bytes.length).position(limit)
                : ByteBuffer.wrap(bytes, limit, bytes.length - limit);
        int read = channel.read(into);
        if (read < 0) {
            ended = true;
        } else {
            limit += read;
        }
        return read;
    }

    private void makeRoom() {
        if (position == limit) {
            position = 0;
            limit = 0;
        } else if (bytes.length - limit < MIN_READ && position > 0) {
            // Little room left behind a partial line: move it to the front rather than read a few bytes at a time.
            compact();
        }
        if (limit == bytes.length) {
            if (bytes != idle) {
                // The parsers bound every line below the pool's capacity, so this is a bug, not bad input.
                throw new IllegalStateException("input buffer full");
            }
            grow();
        }
    }

    private void grow() {
        byte[] large = pool.take();
        System.arraycopy(bytes, position, large, 0, limit - position);
        limit -= position;
        position = 0;
        bytes = large;
    }

    /**
     * Copies up to length bytes out, reading from the transport only when nothing is buffered. A direct read
     * asks for no more than length, and the caller bounds length by what is left of the body, so the bytes of
     * a next request never land in the caller's array.
     *
     * @return the number of bytes copied, or -1 at end of stream
     */
    int read(byte[] destination, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (ended) {
                return -1;
            }
            if (length >= DIRECT_READ) {
                int read;
                do {
                    read = in.read(destination, offset, length);
                } while (read == 0);
                return read;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(bytes, position, destination, offset, n);
        position += n;
        return n;
    }

    private void compact() {
        int remaining = limit - position;
        System.arraycopy(bytes, position, bytes, 0, remaining);
        position = 0;
        limit = remaining;
    }
}
