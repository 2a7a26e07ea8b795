package io.narwhal.testkit;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response that keeps what an app answers: status, headers and every body byte, with how the body went out.
 * It holds the app to the contract a little more strictly than the server: the response is committed by
 * {@link #send}, or by the first byte written to {@link #body()} (the server may buffer a few first), and
 * from then on the status can not change, so an app that sets it too late fails at once. The codec's own
 * work (Date, Server, framing, leaving out a HEAD body) is not done here. Not thread-safe.
 */
public final class RecordingResponse implements HttpResponse {
    private final Headers headers = new Headers();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int status = 200;
    private Headers committedHeaders;
    private BodyStream stream;
    private boolean complete;
    private int largestWrite;

    @Override
    public Headers headers() {
        return headers;
    }

    /**
     * Sets the status, as the server would.
     *
     * @throws IllegalStateException once the response is committed
     * @throws IllegalArgumentException for a number the server refuses: below 100 or above 999
     */
    @Override
    public RecordingResponse status(int status) {
        if (isCommitted()) {
            throw new IllegalStateException("status " + status + " set after the response was committed");
        }
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException(status + " is not a status code");
        }
        this.status = status;
        return this;
    }

    /** @throws IllegalStateException when committed, or when the app already took {@link #body()} */
    @Override
    public void send(byte[] body) {
        if (stream != null) {
            throw new IllegalStateException("send() after body(): a response has one body");
        }
        requireUncommitted();
        commit();
        bytes.writeBytes(body);
        complete = true;
    }

    /** Sends the text as UTF-8, as text/plain; charset=utf-8 unless the app set a Content-Type. */
    @Override
    public void send(String body) {
        if (headers.first("Content-Type") == null) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
        }
        send(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same stream on every call until it is closed, which completes the response. */
    @Override
    public OutputStream body() {
        if (complete) {
            throw new IllegalStateException("the response is complete");
        }
        if (stream == null) {
            stream = new BodyStream();
        }
        return stream;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean isCommitted() {
        return committedHeaders != null;
    }

    /** Whether the app finished the response: sent it, or closed its body stream. */
    public boolean isComplete() {
        return complete;
    }

    /** Whether the body went through {@link #body()} rather than {@link #send}. */
    public boolean isStreamed() {
        return stream != null;
    }

    /** Every body byte the app sent or wrote, in order. */
    public byte[] bodyBytes() {
        return bytes.toByteArray();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The header fields as they stood when the response was committed, which is what a client would have
     * received; null while it is not. {@link #headers()} shows them as they are now.
     */
    public Headers committedHeaders() {
        return committedHeaders;
    }

    /** The most bytes one write to {@link #body()} passed, or 0: shows whether an app streams in bounded pieces. */
    public int largestWrite() {
        return largestWrite;
    }

    private void commit() {
        if (committedHeaders == null) {
            committedHeaders = new Headers();
            headers.forEach(committedHeaders::add);
        }
    }

    private void requireUncommitted() {
        if (isCommitted()) {
            throw new IllegalStateException("the response is already committed");
        }
    }

    /** A write of one byte or more commits the response; so do flush and close, even with nothing written. */
    private final class BodyStream extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            if (complete) {
                throw new IllegalStateException("the body stream is closed");
            }
            if (length > 0) {
                commit();
            }
            bytes.write(source, offset, length);
            largestWrite = Math.max(largestWrite, length);
        }

        @Override
        public void flush() {
            commit();
        }

        @Override
        public void close() {
            commit();
            complete = true;
        }
    }
}
