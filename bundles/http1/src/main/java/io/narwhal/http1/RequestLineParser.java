package io.narwhal.http1;

import static io.narwhal.http1.CharClass.CR;
import static io.narwhal.http1.CharClass.LF;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * The request line, {@code method SP request-target SP HTTP-version CRLF} (RFC 9112 3), as a state machine
 * over the input buffer. Each call goes on from the byte where the last one stopped; the line stays in the
 * buffer until it is complete, and then each token becomes a String once. The length limit is checked on
 * every byte, so an endless line is refused as soon as it passes the limit.
 */
final class RequestLineParser {
    /** RFC 9112 2.2 lets a server skip empty lines before a request (a client's stray CRLF after a body); bounded. */
    static final int MAX_LEADING_EMPTY_LINES = 8;

    private static final int LINE_START = 0;
    private static final int EMPTY_LINE_LF = 1;
    private static final int METHOD = 2;
    private static final int TARGET = 3;
    private static final int PERCENT_FIRST_DIGIT = 4;
    private static final int PERCENT_SECOND_DIGIT = 5;
    private static final int VERSION = 6;
    private static final int FINAL_LF = 7;

    private static final String[] KNOWN_METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH"};
    private static final byte[][] KNOWN_METHOD_BYTES = new byte[KNOWN_METHODS.length][];

    static {
        for (int i = 0; i < KNOWN_METHODS.length; i++) {
            KNOWN_METHOD_BYTES[i] = KNOWN_METHODS[i].getBytes(ISO_8859_1);
        }
    }

    private final int maxLength;
    private final Compliance compliance;
    private int state;
    /** Bytes of the current line already examined, counted from the buffer's position. */
    private int scanned;
    private int emptyLines;
    // Token boundaries as offsets from the start of the line.
    private int methodEnd;
    private int targetStart;
    private int targetEnd;
    private int queryStart;
    private int versionStart;
    private RequestLine result;

    RequestLineParser(int maxLength, Compliance compliance) {
        this.maxLength = maxLength;
        this.compliance = compliance;
        reset();
    }

    void reset() {
        state = LINE_START;
        scanned = 0;
        emptyLines = 0;
        queryStart = -1;
        result = null;
    }

    /** Whether a byte of the request itself (not a leading empty line) has been seen. */
    boolean hasStarted() {
        return state >= METHOD;
    }

    /** The line, once {@link #parse} returned true. */
    RequestLine result() {
        return result;
    }

    /**
     * Goes on parsing the buffered bytes.
     *
     * @return true when the line is complete (and consumed from the buffer), false when more bytes are needed
     * @throws RejectedRequestException for a malformed or overlong line
     */
    boolean parse(InputBuffer in) {
        byte[] bytes = in.array();
        int end = in.limit();
        int lineStart = in.position();
        int i = lineStart + scanned;
        for (; i < end; i++) {
            int c = bytes[i] & 0xFF;
            int column = i - lineStart;
            if (column >= maxLength && state >= METHOD && state <= VERSION && c != CR && c != LF) {
                throw new UriTooLongException("request line longer than " + maxLength + " bytes");
            }
            switch (state) {
                case LINE_START -> {
                    if (c == CR) {
                        state = EMPTY_LINE_LF;
                    } else if (CharClass.isToken(c)) {
                        state = METHOD;
                    } else if (c == LF) {
                        compliance.tolerate(Leniency.BARE_LF);
                        lineStart = skipEmptyLine(in, i, lineStart);
                    } else {
                        throw new BadRequestException("invalid character in method");
                    }
                }
                case EMPTY_LINE_LF -> {
                    CharClass.expect(c, LF, "bare CR");
                    lineStart = skipEmptyLine(in, i, lineStart);
                    state = LINE_START;
                }
                case METHOD -> {
                    if (c == ' ') {
                        methodEnd = column;
                        targetStart = column + 1;
                        state = TARGET;
                    } else if (!CharClass.isToken(c)) {
                        throw new BadRequestException("invalid character in method");
                    }
                }
                case TARGET -> {
                    if (c == ' ') {
                        if (column == targetStart) {
                            throw new BadRequestException("empty request target");
                        }
                        targetEnd = column;
                        versionStart = column + 1;
                        state = VERSION;
                    } else if (c == '%') {
                        state = PERCENT_FIRST_DIGIT;
                    } else if (c == '?') {
                        if (queryStart < 0) {
                            queryStart = column;
                        }
                    } else if (!CharClass.isTarget(c)) {
                        refuseTargetByte(c);
                    }
                }
                case PERCENT_FIRST_DIGIT, PERCENT_SECOND_DIGIT -> {
                    if (CharClass.hexValue(c) < 0) {
                        throw new BadRequestException("invalid percent-encoding in request target");
                    }
                    state = state == PERCENT_FIRST_DIGIT ? PERCENT_SECOND_DIGIT : TARGET;
                }
                case VERSION -> {
                    if (c == CR) {
                        result = toRequestLine(bytes, lineStart, column);
                        state = FINAL_LF;
                    } else if (c == LF) {
                        compliance.tolerate(Leniency.BARE_LF);
                        result = toRequestLine(bytes, lineStart, column);
                        in.consume(i + 1 - lineStart);
                        scanned = 0;
                        return true;
                    } else if (!CharClass.isVisible(c)) {
                        throw new BadRequestException("invalid character in HTTP version");
                    }
                }
                case FINAL_LF -> {
                    CharClass.expect(c, LF, "bare CR");
                    in.consume(i + 1 - lineStart);
                    scanned = 0;
                    return true;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        scanned = i - lineStart;
        return false;
    }

    /** Consumes an empty line ending at index end; answers where the next line starts. */
    private int skipEmptyLine(InputBuffer in, int end, int lineStart) {
        if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
            throw new BadRequestException("too many empty lines before the request line");
        }
        in.consume(end + 1 - lineStart);
        return end + 1;
    }

    /** A byte RFC 3986 does not allow in a target: raw obs-text and a few delimiters only a lenient mode takes. */
    private void refuseTargetByte(int c) {
        if (c == CR || c == LF) {
            throw new BadRequestException("request line without an HTTP version");
        }
        if (!CharClass.isUnencodedTarget(c)) {
            throw new BadRequestException("invalid character in request target");
        }
        compliance.tolerate(Leniency.UNENCODED_TARGET);
    }

    private RequestLine toRequestLine(byte[] bytes, int lineStart, int lineEnd) {
        String version = version(bytes, lineStart + versionStart, lineEnd - versionStart);
        String method = method(bytes, lineStart, methodEnd);
        String target = new String(bytes, lineStart + targetStart, targetEnd - targetStart, ISO_8859_1);
        return RequestLine.of(method, target, queryStart < 0 ? -1 : queryStart - targetStart, version);
    }

    /** The shared constant for the usual methods, so the hot path allocates no String for them. */
    private static String method(byte[] bytes, int offset, int length) {
        for (int i = 0; i < KNOWN_METHODS.length; i++) {
            byte[] known = KNOWN_METHOD_BYTES[i];
            if (known.length == length
                    && java.util.Arrays.equals(known, 0, length, bytes, offset, offset + length)) {
                return KNOWN_METHODS[i];
            }
        }
        return new String(bytes, offset, length, ISO_8859_1);
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 2.3). */
    private static String version(byte[] bytes, int offset, int length) {
        boolean wellFormed = length == 8
                && bytes[offset] == 'H' && bytes[offset + 1] == 'T' && bytes[offset + 2] == 'T'
                && bytes[offset + 3] == 'P' && bytes[offset + 4] == '/' && CharClass.isDigit(bytes[offset + 5])
                && bytes[offset + 6] == '.' && CharClass.isDigit(bytes[offset + 7]);
        if (!wellFormed) {
            throw new BadRequestException("malformed HTTP version");
        }
        if (bytes[offset + 5] == '1' && bytes[offset + 7] == '1') {
            return RequestLine.HTTP_1_1;
        }
        if (bytes[offset + 5] == '1' && bytes[offset + 7] == '0') {
            return RequestLine.HTTP_1_0;
        }
        throw new VersionNotSupportedException("HTTP/" + (char) bytes[offset + 5] + "." + (char) bytes[offset + 7]
                + " is not supported");
    }
}
