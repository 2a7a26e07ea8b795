package io.narwhal.itests.e2e;

import io.narwhal.itests.RawHttp;
import java.io.IOException;

/**
 * One client as an HTTP/1.1 client library behaves: it keeps its connection while the server keeps it (no
 * {@code Connection: close} in the answer), and opens a new one when the server ends it. A request sent on a
 * reused connection that the server closed before sending a byte of the answer (it was idle between requests when
 * keepalive ran out or the worker stopped: the race every keep-alive client must be ready for) is sent again on a
 * new connection, as RFC 9112 section 9.3.1 allows for an idempotent request; those are counted. Any other failure
 * is the request's, thrown.
 */
final class KeepAliveClient implements AutoCloseable {
    private final int port;
    private RawHttp connection;
    /** Answers on the connection now open. */
    private int answeredOnConnection;
    private int connections;
    private int resent;
    private int closeAnswers;

    KeepAliveClient(int port) {
        this.port = port;
    }

    /** A GET of this path, and its answer. */
    RawHttp.Response get(String path) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        if (connection != null && answeredOnConnection > 0) {
            long before = connection.received();
            try {
                return answer(request);
            } catch (IOException e) {
                if (connection.received() != before) {
                    throw e; // part of the answer came: never sent again
                }
                resent++;
                drop();
            }
        }
        return answer(request);
    }

    private RawHttp.Response answer(String request) throws IOException {
        if (connection == null) {
            connection = new RawHttp(port);
            connections++;
        }
        RawHttp.Response response = connection.send(request).read(false);
        answeredOnConnection++;
        if ("close".equalsIgnoreCase(response.header("Connection"))) {
            closeAnswers++;
            drop();
        }
        return response;
    }

    private void drop() throws IOException {
        try {
            connection.close();
        } finally {
            connection = null;
            answeredOnConnection = 0;
        }
    }

    /** Connections opened so far. */
    int connections() {
        return connections;
    }

    /** Requests sent again because a reused connection was closed before any byte of their answer. */
    int resent() {
        return resent;
    }

    /** Answers that said {@code Connection: close}. */
    int closeAnswers() {
        return closeAnswers;
    }

    /** The connection now open, for a test that goes on with raw bytes on it, or null. */
    RawHttp connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            drop();
        }
    }
}
