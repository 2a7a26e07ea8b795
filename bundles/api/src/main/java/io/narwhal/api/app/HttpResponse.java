package io.narwhal.api.app;

import io.narwhal.api.http.Headers;
import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The response an app writes. Status and headers may change until the response is committed: by
 * {@link #send}, or by the first bytes {@link #body()} flushes. A fixed body goes out with Content-Length;
 * a streamed one with the Content-Length the app set, or chunked. An app that writes nothing sends an
 * empty body.
 */
@ProviderType
public interface HttpResponse {
    HttpResponse status(int status);

    int status();

    /** The headers to send; mutable until committed. Date, Server and framing headers are added by the server. */
    Headers headers();

    /** Sends this whole body with a Content-Length and completes the response. */
    void send(byte[] body) throws IOException;

    /** Sends this text as UTF-8; sets Content-Type to text/plain; charset=utf-8 unless one is set. */
    void send(String body) throws IOException;

    /** A stream for the body; closing it completes the response. */
    OutputStream body() throws IOException;

    /** Whether the status line and headers have been written. */
    boolean isCommitted();

    /**
     * How many body bytes went to the client so far (framing, such as chunk sizes, not counted; none for a HEAD
     * request), as an access log's {@code %(B)s} reports them; -1 where the server does not count them.
     */
    default long bodyBytesSent() {
        return -1;
    }

    /**
     * Switches the connection to a protocol the client offered (RFC 9110 7.8: its {@code Upgrade} field names
     * it, and {@code Connection} says {@code upgrade}): once {@link HttpApp#handle} returns, the server answers
     * {@code 101 Switching Protocols} with {@code Upgrade: protocol} and the headers set here, then hands the raw
     * connection to the handler. A WebSocket or HTTP/2 (h2c) implementation comes as an app or a library this way.
     *
     * @throws IllegalStateException when the response is committed, the request is not HTTP/1.1, did not offer
     *     the protocol, or its body is not read to its end
     * @throws UnsupportedOperationException when the server cannot hand over a connection
     */
    default void upgrade(String protocol, UpgradeHandler handler) {
        throw new UnsupportedOperationException("this server does not upgrade connections");
    }
}
