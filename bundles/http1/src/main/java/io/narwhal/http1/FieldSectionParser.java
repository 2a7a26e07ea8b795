package io.narwhal.http1;

import static io.narwhal.http1.CharClass.CR;
import static io.narwhal.http1.CharClass.LF;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.http.Headers;

/**
 * A field section, {@code *( field-name ":" OWS field-value OWS CRLF ) CRLF} (RFC 9112 5), as a state
 * machine over the input buffer: the header fields of a request and the trailer fields of a chunked body.
 * Each field line stays in the buffer until complete, is then turned into a name and a value String, and
 * consumed; parsing goes on from where it stopped. Both limits are checked as bytes arrive. A field is added to
 * the section once the next line shows it is not folded onto (obs-fold, which only a lenient mode takes).
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
    private final Compliance compliance;
    private Headers fields;
    /** Fields begun, the one being read included. */
    private int count;
    /** The last complete field, held back while a folded line may still continue it; null when none. */
    private String pendingName;
    private String pendingValue;
    /** The pending field's bytes over all its lines, CRLFs included, which the field size limit bounds. */
    private int pendingSize;
    /** Whether the current line continues the pending field's value. */
    private boolean folded;
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
    FieldSectionParser(int maxFields, int maxFieldSize, String kind, Compliance compliance) {
        this.maxFields = maxFields;
        this.compliance = compliance;
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
        pendingName = null;
        folded = false;
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
            if (column >= maxLineLength && (state == NAME || state == VALUE) && c != CR && c != LF) {
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
                        count++;
                        addPending();
                        state = NAME;
                    } else if ((c == ' ' || c == '\t') && pendingName != null) {
                        // RFC 9112 5.2: a server must reject obs-fold, or replace it with spaces (lenient).
                        compliance.tolerate(Leniency.OBS_FOLD);
                        folded = true;
                        valueStart = -1;
                        state = VALUE;
                    } else if (c == LF) {
                        compliance.tolerate(Leniency.BARE_LF);
                        return endSection(in, i, lineStart);
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
                        throw new BadRequestException(c == ' ' || c == '\t' ? "whitespace between field name and colon"
                                : c == CR || c == LF ? "field line without a colon" : "invalid character in field name");
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
                    } else if (c == LF) {
                        compliance.tolerate(Leniency.BARE_LF);
                        lineStart = endLine(in, bytes, i, lineStart);
                    } else {
                        throw new BadRequestException("control character in field value");
                    }
                }
                case LINE_LF -> {
                    CharClass.expect(c, LF, "bare CR");
                    lineStart = endLine(in, bytes, i, lineStart);
                }
                case SECTION_LF -> {
                    CharClass.expect(c, LF, "bare CR");
                    return endSection(in, i, lineStart);
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        scanned = i - lineStart;
        return false;
    }

    /** The field line ending at index end is complete: it becomes the pending field, or continues it. */
    private int endLine(InputBuffer in, byte[] bytes, int end, int lineStart) {
        String value = valueStart < 0 ? "" : new String(bytes, lineStart + valueStart, valueEnd - valueStart, ISO_8859_1);
        int size = end + 1 - lineStart + (bytes[end - 1] == CR ? 0 : 1); // a bare LF counts as the CRLF it stands for
        if (folded) {
            pendingSize += size;
            if (pendingSize > maxFieldSize) {
                throw new FieldsTooLargeException(kind + " field longer than " + maxFieldSize
                        + " bytes over its folded lines");
            }
            pendingValue = value.isEmpty() ? pendingValue : pendingValue.isEmpty() ? value : pendingValue + " " + value;
            folded = false;
        } else {
            pendingName = new String(bytes, lineStart, nameEnd, ISO_8859_1);
            pendingValue = value;
            pendingSize = size;
        }
        in.consume(end + 1 - lineStart);
        state = LINE_START;
        return end + 1;
    }

    private boolean endSection(InputBuffer in, int end, int lineStart) {
        addPending();
        in.consume(end + 1 - lineStart);
        scanned = 0;
        return true;
    }

    private void addPending() {
        if (pendingName != null) {
            fields.add(pendingName, pendingValue);
            pendingName = null;
        }
    }

    private static String lineStartError(int c) {
        return switch (c) {
            // RFC 9112 2.2: whitespace before the first field must be rejected (or the line ignored): rejected.
            case ' ', '\t' -> "whitespace before the first field name";
            case ':' -> "empty field name";
            case LF -> "bare LF";
            default -> "invalid character in field name";
        };
    }
}
