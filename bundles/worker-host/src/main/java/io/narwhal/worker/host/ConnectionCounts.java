package io.narwhal.worker.host;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.codec.HttpConnection;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many connections a worker has open, and has accepted since it started: counted where the codec opens each one
 * and where it is closed, whichever worker type serves it.
 */
final class ConnectionCounts {
    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();

    /** The connection, counted open until it is closed. */
    HttpConnection counted(HttpConnection connection) {
        opened.increment();
        return new Counted(connection);
    }

    long open() {
        return opened.sum() - closed.sum();
    }

    long accepted() {
        return opened.sum();
    }

    /** A connection that counts its first close; used by one thread at a time, as every connection is. */
    private final class Counted implements HttpConnection {
        private final HttpConnection connection;
        private boolean closedOnce;

        Counted(HttpConnection connection) {
            this.connection = connection;
        }

        @Override
        public boolean serveNext(HttpApp handler) throws IOException {
            return connection.serveNext(handler);
        }

        @Override
        public boolean hasBufferedInput() {
            return connection.hasBufferedInput();
        }

        @Override
        public boolean readHead(ReadableByteChannel channel) throws IOException {
            return connection.readHead(channel);
        }

        @Override
        public long headDeadline() {
            return connection.headDeadline();
        }

        @Override
        public void closeAfterResponse() {
            connection.closeAfterResponse();
        }

        @Override
        public boolean idle() {
            return connection.idle();
        }

        @Override
        public void close() throws IOException {
            if (!closedOnce) {
                closedOnce = true;
                closed.increment();
            }
            connection.close();
        }
    }
}
