package io.narwhal.worker.sync;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input that tells the master the worker is alive whenever bytes arrive: a client that is slow
 * but sending is not a hung worker, so only a request stuck in the app counts against {@code timeout}.
 */
final class AliveOnRead extends FilterInputStream {
    private final Runnable alive;

    AliveOnRead(InputStream in, Runnable alive) {
        super(in);
        this.alive = alive;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            alive.run();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            alive.run();
        }
        return read;
    }
}
