package io.narwhal.http1;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of responses on their way to the transport. A response head is put here whole (the array grows
 * for an unusually large one), body bytes follow, and {@link #flush} hands everything over at the end of a
 * response: a small response leaves in a single write. Remembers a transport failure, so that the
 * connection can tell a broken peer from a failing app.
 */
final class OutputBuffer {
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private static final byte[] NONE = new byte[0];

    private final OutputStream out;
    private final BufferPool pool;
    /** The pool's array while a response is under way, else NONE: an idle connection holds no buffer. */
    private byte[] bytes = NONE;
    private int count;
    private IOException failure;

    OutputBuffer(OutputStream out, BufferPool pool) {
        this.out = out;
        this.pool = pool;
    }

    /** Gives the array back once everything in it went out; the next byte put takes one again. */
    void release() {
        if (count == 0) {
            discard();
        }
    }

    /** Gives the array back, dropping what it holds: the connection is closed. */
    void discard() {
        if (bytes != NONE) {
            pool.give(bytes);
            bytes = NONE;
            count = 0;
        }
    }

    /** The transport write that failed, or null. */
    IOException failure() {
        return failure;
    }

    /** Appends head bytes, growing rather than writing: a head is written in one piece. */
    void put(byte[] source) {
        ensureRoom(source.length);
        System.arraycopy(source, 0, bytes, count, source.length);
        count += source.length;
    }

    /** Appends text as ISO-8859-1; a character beyond it becomes '?' (headers are Latin-1 on the wire). */
    void putLatin1(String text) {
        int length = text.length();
        ensureRoom(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            bytes[count++] = (byte) (c <= 0xFF ? c : '?');
        }
    }

    void putDecimal(long value) {
        putLatin1(Long.toString(value));
    }

    void putHex(int value) {
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(value) + 3) / 4);
        ensureRoom(digits);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            bytes[count++] = HEX_DIGITS[(value >>> shift) & 0xF];
        }
    }

    void putCrlf() {
        ensureRoom(2);
        bytes[count++] = '\r';
        bytes[count++] = '\n';
    }

    /** Appends body bytes; whenever the buffer fills it goes to the transport, and a large rest follows directly. */
    void write(byte[] source, int offset, int length) throws IOException {
        if (bytes == NONE) {
            bytes = pool.take();
        }
        int room = bytes.length - count;
        if (length <= room) {
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
            return;
        }
        // Top the buffer up first, so that the transport sees full writes, not a small one before each large one.
        System.arraycopy(source, offset, bytes, count, room);
        count += room;
        writeBuffered();
        offset += room;
        length -= room;
        if (length >= bytes.length) {
            transportWrite(source, offset, length);
        } else {
            System.arraycopy(source, offset, bytes, 0, length);
            count = length;
        }
    }

    /** Writes everything buffered and flushes the transport. */
    void flush() throws IOException {
        writeBuffered();
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void writeBuffered() throws IOException {
        if (count > 0) {
            transportWrite(bytes, 0, count);
            count = 0;
        }
    }

    private void transportWrite(byte[] source, int offset, int length) throws IOException {
        if (failure != null) {
            throw new IOException("the connection failed earlier", failure);
        }
        try {
            out.write(source, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void ensureRoom(int length) {
        if (bytes == NONE) {
            bytes = pool.take();
        }
        if (count + length > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + length));
        }
    }
}
