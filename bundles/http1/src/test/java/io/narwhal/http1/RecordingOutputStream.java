package io.narwhal.http1;

import java.io.ByteArrayOutputStream;

/** The client's side of the connection: every byte written, and how many writes carried them. */
final class RecordingOutputStream extends ByteArrayOutputStream {
    private int writes;
    private int flushes;

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        writes++;
        super.write(bytes, offset, length);
    }

    @Override
    public synchronized void write(int b) {
        writes++;
        super.write(b);
    }

    @Override
    public void flush() {
        flushes++;
    }

    int writes() {
        return writes;
    }

    int flushes() {
        return flushes;
    }
}
