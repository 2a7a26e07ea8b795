package io.narwhal.http1;

import static io.narwhal.http1.CharClass.CR;
import static io.narwhal.http1.CharClass.LF;

import io.narwhal.api.http.Headers;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The chunked transfer coding (RFC 9112 7.1) as a state machine: chunk-size [ chunk-ext ] CRLF, chunk-data
 * CRLF, ..., last-chunk, trailer section, CRLF. Control bytes are consumed as they are decided, so a read
 * that stops anywhere resumes from its state alone; data bytes are copied straight to the reader.
 */
final class ChunkedDecoder {
    /** Fields RFC 9110 6.5.1 keeps out of trailers (see refuseForbiddenTrailers). */
    private static final Set<String> FORBIDDEN_TRAILERS = Set.of(
            // framing and connection
            "transfer-encoding", "content-length", "trailer", "te", "connection", "keep-alive", "upgrade",
            "proxy-connection",
            // routing
            "host",
            // request modifiers: controls and conditionals
            "expect", "max-forwards", "cache-control", "pragma", "range", "if-match", "if-none-match",
            "if-modified-since", "if-unmodified-since", "if-range",
            // authentication and state
            "authorization", "proxy-authorization", "cookie",
            // how to process the content
            "content-type", "content-encoding", "content-range", "content-location");

    /** 15 hex digits stay below 2^60: a size can not overflow, and none that large is honest. */
    static final int MAX_SIZE_DIGITS = 15;
    /** A chunk-size line, extensions included, CRLF excluded. Extensions are tolerated, not unbounded. */
    static final int MAX_SIZE_LINE = 4096;

    private static final int SIZE = 0;
    private static final int SIZE_LF = 1;
    private static final int DATA = 2;
    private static final int DATA_CR = 3;
    private static final int DATA_LF = 4;
    private static final int TRAILERS = 5;
    private static final int DONE = 6;
    /** The first of the chunk-size line's extension states, all decided by {@link ChunkExtension}. */
    private static final int EXTENSION = 7;

    private final FieldSectionParser trailers;
    private final ChunkExtension extension;
    private Headers trailerFields = new Headers();
    private int state = SIZE;
    private long chunkRemaining;
    private int sizeDigits;
    private int lineLength;

    /** Trailers are parsed under the header limits; the app reads them once the body is done. */
    ChunkedDecoder(int maxTrailerFields, int maxTrailerLineLength, Compliance compliance) {
        trailers = new FieldSectionParser(maxTrailerFields, maxTrailerLineLength, "trailer", compliance);
        extension = new ChunkExtension(compliance);
    }

    /** The trailer fields, once the body has been read to its end; empty before. */
    Headers trailers() {
        return state == DONE ? trailerFields : new Headers();
    }

    /** Data bytes readable now without blocking. */
    int available(InputBuffer in) {
        return state == DATA ? (int) Math.min(in.available(), chunkRemaining) : 0;
    }

    /**
     * Decodes up to length body bytes into destination, blocking for input as needed.
     *
     * @return the number of bytes decoded (at least one), or -1 after the last chunk and trailers
     * @throws EOFException when the connection ends inside the body
     * @throws RejectedRequestException for malformed chunk framing
     */
    int read(InputBuffer in, byte[] destination, int offset, int length) throws IOException {
        while (true) {
            switch (state) {
                case DATA -> {
                    int n = in.read(destination, offset, (int) Math.min(length, chunkRemaining));
                    if (n < 0) {
                        throw new EOFException("connection closed inside a chunk");
                    }
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = DATA_CR;
                    }
                    return n;
                }
                case DONE -> {
                    return -1;
                }
                case TRAILERS -> {
                    if (trailers.parse(in)) {
                        refuseForbiddenTrailers();
                        state = DONE;
                    } else {
                        fill(in);
                    }
                }
                default -> {
                    if (in.available() == 0) {
                        fill(in);
                    }
                    decodeControl(in);
                }
            }
        }
    }

    private static void fill(InputBuffer in) throws IOException {
        if (!in.fill()) {
            throw new EOFException("connection closed inside a chunked body");
        }
    }

    /** Consumes framing bytes until the next data, the trailers, or the end of what is buffered. */
    private void decodeControl(InputBuffer in) {
        byte[] bytes = in.array();
        int i = in.position();
        int end = in.limit();
        while (i < end && state != DATA && state != TRAILERS) {
            int c = bytes[i++] & 0xFF;
            switch (state) {
                case SIZE -> size(c);
                case EXTENSION -> {
                    if (++lineLength > MAX_SIZE_LINE) {
                        throw new BadRequestException("chunk extension too long");
                    }
                    if (extension.next(c)) {
                        state = SIZE_LF;
                    }
                }
                case SIZE_LF -> {
                    CharClass.expect(c, LF, "bare CR in chunk size line");
                    state = chunkRemaining == 0 ? TRAILERS : DATA;
                    if (state == TRAILERS) {
                        trailers.reset(trailerFields);
                    }
                }
                case DATA_CR -> {
                    CharClass.expect(c, CR, "chunk data not followed by CRLF");
                    state = DATA_LF;
                }
                case DATA_LF -> {
                    CharClass.expect(c, LF, "chunk data not followed by CRLF");
                    state = SIZE;
                    sizeDigits = 0;
                    lineLength = 0;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        in.consume(i - in.position());
    }

    private void size(int c) {
        int digit = CharClass.hexValue(c);
        if (digit >= 0) {
            if (++sizeDigits > MAX_SIZE_DIGITS) {
                throw new BadRequestException("chunk size too large");
            }
            chunkRemaining = chunkRemaining << 4 | digit;
            lineLength++;
        } else if (sizeDigits == 0) {
            throw new BadRequestException(c == CR ? "missing chunk size" : "invalid chunk size (hex digits only)");
        } else if (c == CR) {
            state = SIZE_LF;
        } else if (c == ';' || c == ' ' || c == '\t') {
            state = EXTENSION;
            lineLength++;
            extension.start(c);
        } else {
            throw new BadRequestException(c == LF ? "bare LF in chunk size line" : "invalid chunk size (hex digits only)");
        }
    }

    /**
     * RFC 9110 6.5.1: a trailer must not carry what framing, routing, authentication, request modifiers or the
     * payload's description depend on; a recipient that merged one in would act on a field the head never had.
     */
    private void refuseForbiddenTrailers() {
        for (String name : trailerFields.names()) {
            if (FORBIDDEN_TRAILERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new BadRequestException("field '" + name + "' is not allowed in a trailer");
            }
        }
    }
}
