package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;

/** Bytes read front to back, a CRLF-ended line or a run of bytes at a time: for the parsers the tests write. */
final class ByteCursor {
    private final byte[] bytes;
    private int position;

    ByteCursor(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean atEnd() {
        return position == bytes.length;
    }

    int remaining() {
        return bytes.length - position;
    }

    /** What is left, not consumed. */
    String rest() {
        return new String(bytes, position, remaining(), ISO_8859_1);
    }

    /** The bytes up to the next CRLF, which is consumed too; null, consuming nothing, when no CRLF follows. */
    String line() {
        for (int i = position; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                String line = new String(bytes, position, i - position, ISO_8859_1);
                position = i + 2;
                return line;
            }
        }
        return null;
    }

    /** Consumes this text if the bytes go on with it. */
    boolean skip(String text) {
        byte[] prefix = text.getBytes(ISO_8859_1);
        boolean next = prefix.length <= remaining()
                && Arrays.equals(bytes, position, position + prefix.length, prefix, 0, prefix.length);
        position += next ? prefix.length : 0;
        return next;
    }

    /** The next length bytes, or all that is left when fewer. */
    byte[] take(long length) {
        int end = (int) Math.min(bytes.length, position + length);
        byte[] taken = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return taken;
    }
}
