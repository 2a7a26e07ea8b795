package io.narwhal.http1;

import static io.narwhal.http1.CharClass.CR;

/**
 * The chunk extensions after a chunk size, {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}
 * (RFC 9112 7.1.1), byte by byte. Their meaning is ignored, as the RFC lets a recipient do; their grammar is
 * checked, since a parser that skips to the CR reads a different request than one that follows the quotes. A
 * lenient mode ignores a malformed extension up to its CR (controls still refused). Whitespace after the size
 * must lead to a ';': "5 \r\n" or "5 5" is never a size.
 */
final class ChunkExtension {
    private static final int AFTER_SIZE = 0;
    private static final int NAME_START = 1;
    private static final int NAME = 2;
    private static final int AFTER_NAME = 3;
    private static final int VALUE_START = 4;
    private static final int TOKEN_VALUE = 5;
    private static final int QUOTED = 6;
    private static final int QUOTED_PAIR = 7;
    private static final int AFTER_VALUE = 8;
    private static final int SKIPPED = 9;

    private final Compliance compliance;
    private int state;

    ChunkExtension(Compliance compliance) {
        this.compliance = compliance;
    }

    /** Begins after the size's digits, with the ';' or whitespace that ended them. */
    void start(int c) {
        state = c == ';' ? NAME_START : AFTER_SIZE;
    }

    /**
     * Takes the next byte of the size line.
     *
     * @return true when it was the CR ending the line
     */
    boolean next(int c) {
        if (c != CR && !CharClass.isFieldValue(c)) {
            throw new BadRequestException("control character in chunk extension");
        }
        boolean whitespace = c == ' ' || c == '\t';
        switch (state) {
            case AFTER_SIZE -> {
                if (c == ';') {
                    state = NAME_START;
                } else if (!whitespace) {
                    throw new BadRequestException("whitespace after the chunk size");
                }
            }
            case NAME_START, VALUE_START -> {
                if (CharClass.isToken(c)) {
                    state = state == NAME_START ? NAME : TOKEN_VALUE;
                } else if (c == '"' && state == VALUE_START) {
                    state = QUOTED;
                } else if (!whitespace) {
                    return malformed(c);
                }
            }
            case NAME, AFTER_NAME -> {
                if (c == '=') {
                    state = VALUE_START;
                } else if (whitespace) {
                    state = AFTER_NAME;
                } else if (state == NAME && CharClass.isToken(c)) {
                    // more of the name
                } else {
                    return endOfExtension(c);
                }
            }
            case TOKEN_VALUE, AFTER_VALUE -> {
                if (whitespace) {
                    state = AFTER_VALUE;
                } else if (state == TOKEN_VALUE && CharClass.isToken(c)) {
                    // more of the value
                } else {
                    return endOfExtension(c);
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = AFTER_VALUE;
                } else if (c == '\\') {
                    state = QUOTED_PAIR;
                } else if (c == CR) {
                    return malformed(c);
                }
            }
            case QUOTED_PAIR -> {
                if (c == CR) {
                    return malformed(c);
                }
                state = QUOTED;
            }
            case SKIPPED -> {
                return c == CR;
            }
            default -> throw new IllegalStateException("state " + state);
        }
        return false;
    }

    /** After a name or a value: another extension, or the end of the line. */
    private boolean endOfExtension(int c) {
        if (c == ';') {
            state = NAME_START;
            return false;
        }
        return c == CR || malformed(c);
    }

    private boolean malformed(int c) {
        compliance.tolerate(Leniency.CHUNK_EXTENSION);
        state = SKIPPED;
        return c == CR;
    }
}
