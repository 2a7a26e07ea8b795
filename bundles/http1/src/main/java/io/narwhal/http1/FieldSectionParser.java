package io.narwhal.http1;

import static io.narwhal.http1.CharClass.CR;
import static io.narwhal.http1.CharClass.LF;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.http.Headers;

/**
 * A field section, {@code *( field-name ":" OWS field-value OWS CRLF ) CRLF} (RFC 9112 5), as a state
 * machine over the input buffer: the header fields of a request and the trailer fields of a chunked body.
 * Each field line stays in the buffer until complete, is then turned into a name and a value String, and
 * consumed; parsing goes on from where it stopped. Both limits are checked as bytes arrive.
 */
final class FieldSectionParser {
    private static final int LINE_START = 0;
    private static final int NAME = 1;
    private static final int VALUE = 2;
    private static final int LINE_LF = 3;
    private static final int SECTION_LF = 4;

    private final int maxFields;
    /** The longest field line without its CRLF: the limit, which counts the CRLF as Gunicorn does, less 2. */
    private final int maxLineLength;
    private final int maxFieldSize;
    private final String kind;
    private Headers fields;
    private int count;
    private int state;
    /** Bytes of the current line already examined, counted from the buffer's position. */
    private int scanned;
    // Offsets from the start of the current line.
    private int nameEnd;
    private int valueStart;
    private int valueEnd;

    /**
     * @param maxFieldSize limit_request_field_size: the most bytes of one field line, its CRLF included, as
     *     Gunicorn counts them
     * @param kind "header" or "trailer", for error messages
     */
    FieldSectionParser(int maxFields, int maxFieldSize, String kind) {
        this.maxFields = maxFields;
        this.maxFieldSize = maxFieldSize;
        this.maxLineLength = Math.max(0, maxFieldSize - 2);
        this.kind = kind;
    }

    /** Starts a new section whose fields go into target. */
    void reset(Headers target) {
        fields = target;
        count = 0;
        state = LINE_START;
        scanned = 0;
    }

    /**
     * Goes on parsing the buffered bytes.
     *
     * @return true when the empty line ending the section has been consumed, false when more bytes are needed
     * @throws RejectedRequestException for a malformed field line or a limit exceeded
     */
    boolean parse(InputBuffer in) {
        byte[] bytes = in.array();
        int end = in.limit();
        int lineStart = in.position();
        int i = lineStart + scanned;
        for (; i < end; i++) {
            int c = bytes[i] & 0xFF;
            int column = i - lineStart;
            if (column >= maxLineLength && (state == NAME || state == VALUE) && c != CR) {
                throw new FieldsTooLargeException(kind + " field line longer than " + maxFieldSize
                        + " bytes with its CRLF");
            }
            switch (state) {
                case LINE_START -> {
                    if (c == CR) {
                        state = SECTION_LF;
                    } else if (CharClass.isToken(c)) {
                        if (count == maxFields) {
                            throw new FieldsTooLargeException("more than " + maxFields + " " + kind + " fields");
                        }
                        state = NAME;
                    } else {
                        throw new BadRequestException(lineStartError(c));
                    }
                }
                case NAME -> {
                    if (c == ':') {
                        nameEnd = column;
                        valueStart = -1;
                        state = VALUE;
                    } else if (!CharClass.isToken(c)) {
                        // RFC 9112 5.1: whitespace before the colon must be rejected, it has been used for smuggling.
                        throw new BadRequestException(c == ' ' || c == '\t'
                                ? "whitespace between field name and colon" : "invalid character in field name");
                    }
                }
                case VALUE -> {
                    if (c == CR) {
                        state = LINE_LF;
                    } else if (c == ' ' || c == '\t') {
                        // OWS: not part of the value at either end
                    } else if (CharClass.isFieldValue(c)) {
                        if (valueStart < 0) {
                            valueStart = column;
                        }
                        valueEnd = column + 1;
                    } else {
                        throw new BadRequestException(c == LF ? "bare LF" : "control character in field value");
                    }
                }
                case LINE_LF -> {
                    CharClass.expect(c, LF, "bare CR");
                    addField(bytes, lineStart);
                    in.consume(i + 1 - lineStart);
                    lineStart = i + 1;
                    state = LINE_START;
                }
                case SECTION_LF -> {
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

    private void addField(byte[] bytes, int lineStart) {
        String name = new String(bytes, lineStart, nameEnd, ISO_8859_1);
        String value = valueStart < 0 ? "" : new String(bytes, lineStart + valueStart, valueEnd - valueStart, ISO_8859_1);
        fields.add(name, value);
        count++;
    }

    private static String lineStartError(int c) {
        return switch (c) {
            // RFC 9112 5.2: a server must reject obs-fold (or replace it); rejecting is the safe choice.
            case ' ', '\t' -> "obs-fold or whitespace before a field name";
            case ':' -> "empty field name";
            case LF -> "bare LF";
            default -> "invalid character in field name";
        };
    }
}
