package io.narwhal.http1;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A peer that sends bytes in the pieces a test chooses: each read returns at most what is left of the current
 * piece, as a socket returns what has arrived. After the last piece: end of stream, or a read timeout.
 */
final class ScriptedInputStream extends InputStream {
    private final Deque<byte[]> pieces = new ArrayDeque<>();
    private final boolean timeoutAtEnd;
    private int offsetInPiece;
    private int reads;

    private ScriptedInputStream(boolean timeoutAtEnd) {
        this.timeoutAtEnd = timeoutAtEnd;
    }

    /** All bytes available to the first read. */
    static ScriptedInputStream whole(byte[] bytes) {
        return pieces(false, bytes);
    }

    /** The bytes in two reads: [0, split) then [split, end). */
    static ScriptedInputStream splitAt(byte[] bytes, int split) {
        return pieces(false, Arrays.copyOfRange(bytes, 0, split), Arrays.copyOfRange(bytes, split, bytes.length));
    }

    /** One byte per read. */
    static ScriptedInputStream byteByByte(byte[] bytes) {
        byte[][] pieces = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            pieces[i] = new byte[] {bytes[i]};
        }
        return pieces(false, pieces);
    }

    /** These bytes, then a read that times out as a socket with SO_TIMEOUT does. */
    static ScriptedInputStream thenTimeout(byte[] bytes) {
        return pieces(true, bytes);
    }

    static ScriptedInputStream pieces(boolean timeoutAtEnd, byte[]... pieces) {
        ScriptedInputStream in = new ScriptedInputStream(timeoutAtEnd);
        for (byte[] piece : pieces) {
            if (piece.length > 0) {
                in.pieces.add(piece);
            }
        }
        return in;
    }

    /** How many reads the codec made. */
    int reads() {
        return reads;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] destination, int offset, int length) throws IOException {
        reads++;
        if (length == 0) {
            return 0;
        }
        byte[] piece = pieces.peekFirst();
        if (piece == null) {
            if (timeoutAtEnd) {
                throw new SocketTimeoutException("Read timed out");
            }
            return -1;
        }
        int n = Math.min(length, piece.length - offsetInPiece);
        System.arraycopy(piece, offsetInPiece, destination, offset, n);
        offsetInPiece += n;
        if (offsetInPiece == piece.length) {
            pieces.removeFirst();
            offsetInPiece = 0;
        }
        return n;
    }
}
