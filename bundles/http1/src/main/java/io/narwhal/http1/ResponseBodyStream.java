package io.narwhal.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The stream an app writes a response body to. Bytes gather here first, so the app may still change status
 * and headers until 8 KiB are written or it flushes, and so small writes make full chunks. The head is
 * written (the response committed) when the first bytes leave; each later batch is encoded as the head
 * announced. Closing it completes the response.
 */
final class ResponseBodyStream extends OutputStream {
    static final int BUFFER_SIZE = 8192;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /** The response this stream belongs to. */
    interface Owner {
        /** Writes the head; nothingWritten when the stream closes before any byte was written. */
        BodyEncoding commitStream(boolean nothingWritten);

        /** The body is complete; framingKept is false when fewer bytes than announced were written. */
        void streamClosed(boolean framingKept);

        /** Whether reading the request body failed: then closing must not make the response look whole. */
        boolean requestBodyFailed();

        /** The stream was closed after the request body failed, its response committed but not ended. */
        void streamAborted();
    }

    private final OutputBuffer out;
    private final Owner owner;
    private byte[] pending;
    private int count;
    private BodyEncoding encoding;
    private long written;
    /** The body bytes handed to the connection (written counts the ones a HEAD response leaves out too). */
    private long sent;
    private boolean closed;

    ResponseBodyStream(OutputBuffer out, Owner owner) {
        this.out = out;
        this.owner = owner;
    }

    @Override
    public void write(int b) throws IOException {
        boolean withinLength = encoding == null || encoding.mode() != BodyEncoding.Mode.LENGTH
                || written + count < encoding.length();
        if (pending != null && count < pending.length && !closed && withinLength) {
            pending[count++] = (byte) b;
        } else {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, source.length);
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (pending == null) {
            pending = new byte[BUFFER_SIZE];
        }
        if (encoding != null && encoding.mode() == BodyEncoding.Mode.LENGTH
                && written + count + length > encoding.length()) {
            // Refused before any of it is buffered: what went out so far still matches the head.
            throw tooLong();
        }
        if (length <= pending.length - count) {
            System.arraycopy(source, offset, pending, count, length);
            count += length;
            return;
        }
        writePending();
        if (length >= pending.length) {
            encode(source, offset, length);
        } else {
            System.arraycopy(source, offset, pending, 0, length);
            count = length;
        }
    }

    /** Commits the response if it is not yet, and pushes what is written so far to the client. */
    @Override
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        writePending();
        out.flush();
    }

    /**
     * Completes the response; but after the request body failed (an app echoing it closes this stream on its way
     * out, try-with-resources), an uncommitted response stays uncommitted, for the codec to answer the failure,
     * and a committed one is broken off without its end: never a truncated body that looks whole.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (owner.requestBodyFailed()) {
            if (encoding != null) {
                owner.streamAborted();
            }
            return;
        }
        if (encoding == null && count == 0) {
            encoding = owner.commitStream(true);
        } else {
            writePending();
        }
        boolean framingKept = true;
        switch (encoding.mode()) {
            case CHUNKED -> out.put(LAST_CHUNK);
            case LENGTH -> framingKept = written == encoding.length();
            case CLOSE_DELIMITED, NONE -> {
            }
        }
        owner.streamClosed(framingKept);
    }

    private void writePending() throws IOException {
        if (encoding == null) {
            encoding = owner.commitStream(false);
        }
        if (count > 0) {
            int length = count;
            count = 0;
            encode(pending, 0, length);
        }
    }

    /** The body bytes this stream handed to the connection. */
    long sent() {
        return sent;
    }

    private IOException tooLong() {
        return new IOException("the response body is longer than its Content-Length of " + encoding.length());
    }

    private void encode(byte[] source, int offset, int length) throws IOException {
        switch (encoding.mode()) {
            case LENGTH -> {
                if (written + length > encoding.length()) {
                    throw tooLong();
                }
                written += length;
                sent += length;
                out.write(source, offset, length);
            }
            case CHUNKED -> {
                sent += length;
                out.putHex(length);
                out.putCrlf();
                out.write(source, offset, length);
                out.putCrlf();
            }
            case CLOSE_DELIMITED -> {
                sent += length;
                out.write(source, offset, length);
            }
            case NONE -> written += length;
        }
    }
}
