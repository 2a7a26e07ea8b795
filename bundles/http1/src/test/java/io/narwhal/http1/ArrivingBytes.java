package io.narwhal.http1;

import static io.narwhal.http1.TestConnection.bytes;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** A non-blocking channel: each read hands out the next scripted piece, 0 when none is queued. */
final class ArrivingBytes implements ReadableByteChannel {
    private final Deque<byte[]> pieces = new ArrayDeque<>();
    boolean peerClosed;
    private boolean open = true;

    ArrivingBytes arrive(String piece) {
        pieces.add(bytes(piece));
        return this;
    }

    @Override
    public int read(ByteBuffer destination) {
        if (pieces.isEmpty()) {
            return peerClosed ? -1 : 0;
        }
        byte[] piece = pieces.poll();
        int n = Math.min(piece.length, destination.remaining());
        destination.put(piece, 0, n);
        if (n < piece.length) {
            pieces.addFirst(Arrays.copyOfRange(piece, n, piece.length));
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
