package io.narwhal.apps.echo;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Captures what the echo app streams without keeping it: a byte count, a checksum and the largest single
 * write, so a test can echo a megabyte and still check that it was streamed in bounded pieces.
 */
final class FakeResponse implements HttpResponse {
    private final Headers headers = new Headers();
    private final CRC32 checksum = new CRC32();
    private final java.io.ByteArrayOutputStream firstBytes = new java.io.ByteArrayOutputStream();
    private int status = 200;
    private boolean committed;
    private boolean closed;
    private boolean usedSend;
    private long length;
    private int largestWrite;
    private Headers headersAtFirstWrite;

    @Override
    public HttpResponse status(int status) {
        if (committed) {
            throw new IllegalStateException("committed");
        }
        this.status = status;
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public void send(byte[] body) {
        usedSend = true;
        record(body, 0, body.length);
        committed = true;
        closed = true;
    }

    @Override
    public void send(String body) {
        send(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public OutputStream body() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) {
                if (closed) {
                    throw new IllegalStateException("written after close");
                }
                record(bytes, offset, count);
            }

            @Override
            public void close() {
                committed = true;
                closed = true;
            }
        };
    }

    private void record(byte[] bytes, int offset, int count) {
        if (headersAtFirstWrite == null) {
            headersAtFirstWrite = copy(headers);
            committed = true;
        }
        checksum.update(bytes, offset, count);
        length += count;
        largestWrite = Math.max(largestWrite, count);
        int keep = (int) Math.min(count, Math.max(0, 1024 - firstBytes.size()));
        firstBytes.write(bytes, offset, keep);
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        headers.forEach(copy::add);
        return copy;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    boolean completed() {
        return closed;
    }

    boolean usedSend() {
        return usedSend;
    }

    long length() {
        return length;
    }

    long checksum() {
        return checksum.getValue();
    }

    int largestWrite() {
        return largestWrite;
    }

    /** The headers as they stood when the first body byte was written, or null when none was. */
    Headers headersAtFirstWrite() {
        return headersAtFirstWrite;
    }

    /** Up to the first KiB of the body. */
    byte[] firstBytes() {
        return firstBytes.toByteArray();
    }
}
