package io.narwhal.http1;

import io.narwhal.api.http.Headers;
import io.narwhal.api.http.RequestBodyException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Objects;

/**
 * The body of one request as the app reads it, delimited by Content-Length or chunked coding, read from the
 * connection's buffer. Remembers how reading it failed, if it did: the connection decides from that whether
 * it can answer and whether it can go on.
 */
final class RequestBody extends InputStream {
    /** Sends {@code 100 Continue} if it still can; answers whether it did. */
    @FunctionalInterface
    interface ContinueSender {
        boolean sendContinue() throws IOException;
    }

    private final InputBuffer input;
    private final BodyFraming framing;
    private final ChunkedDecoder chunks;
    /** Null when no minimum rate applies. */
    private final BodyPace pace;
    private final byte[] oneByte = new byte[1];
    private long remaining;
    private boolean finished;
    private ContinueSender continueSender;
    /** Whether sending 100 Continue was tried (on the first read), and whether it went out. */
    private boolean continueTried;
    private boolean continueSent;
    private Exception failure;

    RequestBody(InputBuffer input, BodyFraming framing, ChunkedDecoder chunks, BodyPace pace) {
        this.input = input;
        this.framing = framing;
        this.chunks = chunks;
        this.pace = pace;
        this.remaining = framing.length();
        this.finished = framing.kind() == BodyFraming.Kind.NONE;
    }

    /** The client waits for 100 Continue: send it on the first read. */
    void expectContinue(ContinueSender sender) {
        continueSender = sender;
    }

    /** Whether the client was told to wait for 100 Continue that never went out, so it may or may not send. */
    boolean continueWithheld() {
        return continueSender != null && !continueSent && !finished;
    }

    /**
     * Why reading failed, or null: a RejectedRequestException (malformed framing), a SocketTimeoutException,
     * or another IOException (the peer closed or reset the connection inside the body).
     */
    Exception failure() {
        return failure;
    }

    /** The trailer fields of a chunked body read to its end; empty before, and for any other body. */
    Headers trailers() {
        return chunks == null ? new Headers() : chunks.trailers();
    }

    /** The body bytes not read yet when the framing tells (Content-Length), else -1. */
    long knownRemaining() {
        return switch (framing.kind()) {
            case NONE -> 0;
            case LENGTH -> remaining;
            case CHUNKED -> finished ? 0 : -1;
        };
    }

    @Override
    public int read() throws IOException {
        int n = read(oneByte, 0, 1);
        return n < 0 ? -1 : oneByte[0] & 0xFF;
    }

    @Override
    public int read(byte[] destination, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, destination.length);
        if (failure != null) {
            throw asBodyException(failure);
        }
        if (finished) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (continueSender != null && !continueTried) {
            continueTried = true;
            continueSent = continueSender.sendContinue();
        }
        try {
            // Only a read that finds nothing buffered waits for the client: only that one is timed.
            long started = pace != null && input.available() == 0 ? System.nanoTime() : 0;
            int n = framing.kind() == BodyFraming.Kind.LENGTH
                    ? readFixed(destination, offset, length)
                    : readChunked(destination, offset, length);
            if (started != 0) {
                pace.waited(System.nanoTime() - started, n);
            }
            return n;
        } catch (RejectedRequestException | IOException e) {
            failure = e;
            throw asBodyException(e);
        }
    }

    /** What the app sees of a body failure: one type, whatever the cause, so it never passes for its own bug. */
    private static RequestBodyException asBodyException(Exception cause) {
        return switch (cause) {
            case RequestTimeoutException slow -> new RequestBodyException(408, slow.getMessage(), slow);
            case RejectedRequestException rejected -> new RequestBodyException(rejected.status(),
                    "the request body is malformed: " + rejected.getMessage(), rejected);
            case SocketTimeoutException late -> new RequestBodyException(408,
                    "the request body did not arrive in time", late);
            default -> new RequestBodyException(400, "the request body is incomplete: " + cause.getMessage(), cause);
        };
    }

    @Override
    public int available() {
        if (finished || failure != null) {
            return 0;
        }
        return framing.kind() == BodyFraming.Kind.LENGTH
                ? (int) Math.min(input.available(), remaining)
                : chunks.available(input);
    }

    /** Leaves the unread rest to {@link #drain}: closing is what apps do, and it must not block. */
    @Override
    public void close() {
    }

    /**
     * Reads and drops what the app left unread, so that the next request can be parsed.
     *
     * @return whether the body ended within maxBytes; false when it is larger, broken, or when the client
     *     still waits for a 100 Continue (it may never send the body): the connection must then close
     */
    boolean drain(long maxBytes) {
        if (finished) {
            return true;
        }
        if (failure != null || continueWithheld()) {
            return false;
        }
        if (framing.kind() == BodyFraming.Kind.LENGTH && remaining > maxBytes) {
            return false;
        }
        byte[] scratch = new byte[(int) Math.min(8192, maxBytes + 1)];
        long dropped = 0;
        try {
            while (dropped <= maxBytes) {
                int n = read(scratch, 0, scratch.length);
                if (n < 0) {
                    return true;
                }
                dropped += n;
            }
            return false;
        } catch (IOException | RejectedRequestException e) {
            return false;
        }
    }

    private int readFixed(byte[] destination, int offset, int length) throws IOException {
        int n = input.read(destination, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("connection closed with " + remaining + " bytes of the body missing");
        }
        remaining -= n;
        finished = remaining == 0;
        return n;
    }

    private int readChunked(byte[] destination, int offset, int length) throws IOException {
        int n = chunks.read(input, destination, offset, length);
        finished = n < 0;
        return n;
    }
}
